// No lost work in the form of a publishable object (newsroom.admin_no_lost_work):
// - autosave: 30 seconds after typing starts (and when the tab is hidden or closed), the form's
//   fields are sent to the autosave endpoint; the time shows beside the buttons;
// - an autosave newer than the last save is offered back ("Pulihkan" fills the form, CKEditor
//   included; "Buang" forgets it);
// - presence: a heartbeat says the form is open and shows who else has it open.
(function () {
  "use strict";
  var box = document.querySelector(".no-lost-work");
  if (!box) {
    return;
  }
  var form = box.closest("form");
  var tokenInput = form && form.querySelector("input[name=csrfmiddlewaretoken]");
  var token = tokenInput ? tokenInput.value : "";

  function post(url, body, keepalive) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: Boolean(keepalive),
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().then(function (json) {
        return { ok: response.ok, json: json };
      });
    });
  }

  function editors() {
    var found = [];
    if (window.CKEDITOR) {
      Object.keys(window.CKEDITOR.instances).forEach(function (id) {
        found.push(window.CKEDITOR.instances[id]);
      });
    }
    return found;
  }

  // --- autosave ---------------------------------------------------------------------------
  var autosaveUrl = box.dataset.autosaveUrl;
  var status = form && form.querySelector(".autosave-status");
  var timer = null;
  var changed = false;

  function collect() {
    editors().forEach(function (editor) {
      editor.updateElement();
    });
    var fields = {};
    var labels = {};
    new FormData(form).forEach(function (value, name) {
      if (typeof value !== "string" || name === "csrfmiddlewaretoken" || name.charAt(0) === "_") {
        return;
      }
      if (Object.prototype.hasOwnProperty.call(fields, name)) {
        fields[name] = [].concat(fields[name], value);
      } else {
        fields[name] = value;
      }
    });
    form.querySelectorAll("select").forEach(function (select) {
      if (!select.name || !Object.prototype.hasOwnProperty.call(fields, select.name)) {
        return;
      }
      Array.prototype.forEach.call(select.selectedOptions, function (option) {
        labels[select.name] = labels[select.name] || {};
        labels[select.name][option.value] = option.text;
      });
    });
    return { fields: fields, labels: labels };
  }

  function saveNow(keepalive) {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (!changed) {
      return;
    }
    changed = false;
    post(autosaveUrl, collect(), keepalive)
      .then(function (answer) {
        if (!status) {
          return;
        }
        status.classList.toggle("failed", !answer.ok);
        status.textContent = answer.ok ? answer.json.status : answer.json.error;
      })
      .catch(function () {
        changed = true; // try again with the next keystroke
        if (status) {
          status.classList.add("failed");
          status.textContent = box.dataset.autosaveFailed;
        }
      });
  }

  function typed() {
    changed = true;
    if (!timer) {
      timer = setTimeout(saveNow, 1000 * Number(box.dataset.autosaveSeconds || 30));
    }
  }

  if (autosaveUrl && form) {
    form.addEventListener("input", typed);
    form.addEventListener("change", typed);
    if (window.CKEDITOR) {
      window.CKEDITOR.on("instanceReady", function (event) {
        event.editor.on("change", typed);
      });
    }
    form.addEventListener("submit", function () {
      // The real save removes the autosave: do not send one behind it.
      changed = false;
      clearTimeout(timer);
      timer = null;
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        saveNow(true);
      }
    });
  }

  // --- the autosave offered back -----------------------------------------------------------
  var offer = box.querySelector(".autosave-offer");
  var offerData = document.getElementById("autosave-data");

  function setSelect(select, values, labels) {
    var wanted = [].concat(values);
    wanted.forEach(function (value) {
      var exists = Array.prototype.some.call(select.options, function (option) {
        return option.value === value;
      });
      if (!exists && labels && labels[value] && select.classList.contains("admin-autocomplete")) {
        // A search-as-you-type field (tags) lists only what is chosen: add the option back.
        select.add(new Option(labels[value], value));
      }
    });
    Array.prototype.forEach.call(select.options, function (option) {
      option.selected = wanted.indexOf(option.value) !== -1;
    });
  }

  function restore(saved) {
    var fields = saved.fields || {};
    var labels = saved.labels || {};
    Object.keys(fields).forEach(function (name) {
      var value = fields[name];
      var element = form.elements.namedItem(name);
      if (!element) {
        return;
      }
      var editor = window.CKEDITOR && element.id && window.CKEDITOR.instances[element.id];
      if (editor && editor.status !== "ready") {
        editor.on("instanceReady", function () {
          editor.setData(value);
        });
      } else if (editor) {
        editor.setData(value);
      } else if (element.tagName === "SELECT") {
        setSelect(element, value, labels[name]);
      } else if (element.type === "checkbox" || element.type === "radio" || element.length) {
        var list = element.length ? Array.prototype.slice.call(element) : [element];
        var wanted = [].concat(value);
        list.forEach(function (input) {
          if (input.type === "checkbox" || input.type === "radio") {
            input.checked = wanted.indexOf(input.value) !== -1;
          }
        });
      } else if (element.type !== "file" && element.type !== "hidden") {
        element.value = value;
      }
      var target = element.length && !element.tagName ? element[0] : element;
      target.dispatchEvent(new Event("input", { bubbles: true }));
      target.dispatchEvent(new Event("change", { bubbles: true }));
      if (window.django && window.django.jQuery && target.tagName === "SELECT") {
        window.django.jQuery(target).trigger("change"); // select2 redraws its choices
      }
    });
    // A checkbox left unticked is absent from the saved fields: untick it again.
    form.querySelectorAll("input[type=checkbox]").forEach(function (input) {
      if (input.name && input.name.charAt(0) !== "_" && !(input.name in fields)) {
        var before = input.checked;
        input.checked = false;
        if (before) {
          input.dispatchEvent(new Event("change", { bubbles: true }));
        }
      }
    });
  }

  if (offer && offerData) {
    var saved = JSON.parse(offerData.textContent);
    offer.querySelector(".autosave-restore").addEventListener("click", function () {
      restore(saved);
      offer.hidden = true;
      if (status) {
        status.classList.remove("failed");
        status.textContent = box.dataset.restored;
      }
      var first = form.querySelector("input:not([type=hidden]), textarea, select");
      if (first) {
        first.focus();
      }
    });
    offer.querySelector(".autosave-discard").addEventListener("click", function () {
      post(autosaveUrl, { discard: true });
      offer.hidden = true;
    });
  }

  // --- who else has it open ----------------------------------------------------------------
  var presenceUrl = box.dataset.presenceUrl;
  var notice = box.querySelector(".presence-notice");
  if (presenceUrl && notice) {
    // A tab in the background still has the form open (and may save it): it keeps beating.
    var beat = function () {
      post(presenceUrl, { page: box.dataset.presencePage })
        .then(function (answer) {
          if (answer.ok) {
            notice.textContent = answer.json.text;
            notice.hidden = !answer.json.text;
          }
        })
        .catch(function () {});
    };
    setInterval(beat, 1000 * Number(box.dataset.presenceSeconds || 45));
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") {
        beat();
      }
    });
    window.addEventListener("pagehide", function () {
      post(presenceUrl, { leave: true, page: box.dataset.presencePage }, true).catch(
        function () {}
      );
    });
  }
})();

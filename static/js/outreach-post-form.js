// Planned social post form: counts the text as the platform will (live, as one types), inserts a
// hashtag set, and asks the server for a caption draft (the caption helper). The server checks
// the same limits again on saving: this is a guide.
(function () {
  "use strict";
  var limitsNode = document.getElementById("post-limits");
  var configNode = document.getElementById("post-helper-config");
  var caption = document.getElementById("id_caption");
  if (!limitsNode || !configNode || !caption) {
    return;
  }
  var LIMITS = JSON.parse(limitsNode.textContent);
  var CONFIG = JSON.parse(configNode.textContent);
  var TEXT = {};
  var template = document.getElementById("post-helper-text");
  if (template) {
    template.content.querySelectorAll("[data-key]").forEach(function (node) {
      TEXT[node.getAttribute("data-key")] = node.textContent.trim();
    });
  }
  function say(key, values) {
    return (TEXT[key] || key).replace(/\{(\w+)\}/g, function (whole, name) {
      return values && name in values ? values[name] : whole;
    });
  }
  var byId = function (id) { return document.getElementById(id); };
  var platform = byId("id_platform");
  var hashtags = byId("id_hashtags");
  var title = byId("id_title");
  var link = byId("id_link");
  var source = byId("id_source_choice");
  var pillar = byId("id_pillar");
  var objective = byId("id_objective");
  var hashtagSet = byId("id_hashtag_set");

  // --- counting, as outreach.platforms does ----------------------------------------------------
  // twitter-text v3: code points in these ranges weigh 1, others 2; an emoji (even a sequence of
  // several code points) weighs 2; every URL counts 23.
  var LIGHT = [[0, 4351], [8192, 8205], [8208, 8223], [8242, 8247]];
  var URL_RE = /(?:https?:\/\/|www\.)[^\s<>"]+?(?=[.,;:!?)\]]*(?:\s|$))/gi;
  var EMOJI_RE = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
  var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter("id", { granularity: "grapheme" }) : null;

  function weightOf(codePoint) {
    for (var i = 0; i < LIGHT.length; i++) {
      if (codePoint >= LIGHT[i][0] && codePoint <= LIGHT[i][1]) {
        return 1;
      }
    }
    return 2;
  }
  function weighted(text) {
    var total = 0;
    var withoutUrls = text.replace(URL_RE, function () { total += 23; return "\u0000"; });
    var pieces = segmenter ? Array.from(segmenter.segment(withoutUrls), function (s) { return s.segment; }) : Array.from(withoutUrls);
    pieces.forEach(function (piece) {
      if (piece === "\u0000") {
        return;
      }
      if (EMOJI_RE.test(piece)) {
        total += 2;
        return;
      }
      Array.from(piece).forEach(function (ch) { total += weightOf(ch.codePointAt(0)); });
    });
    return total;
  }
  function length(text, limits) {
    text = text.normalize("NFC").replace(/\r\n/g, "\n");
    return limits.weighted ? weighted(text) : Array.from(text).length;
  }
  function hashtagCount(text) {
    var matches = text.replace(URL_RE, " ").match(/(^|[^\w&\/#])[#\uFF03](\w*[^\W\d_]\w*)/gu);
    return matches ? matches.length : 0;
  }
  function normaliseTags(text) {
    var seen = {};
    return text.replace(/,/g, " ").split(/\s+/).filter(Boolean).map(function (word) {
      return "#" + word.replace(/^[#\uFF03]+/, "");
    }).filter(function (tag) {
      var key = tag.toLowerCase();
      if (tag.length < 2 || seen[key]) {
        return false;
      }
      seen[key] = true;
      return true;
    }).join(" ");
  }

  // --- the tracked link, as outreach.utm.with_utm builds it ------------------------------------
  function trackedLink(name) {
    var base = (link && link.value.trim()) || (source && CONFIG.sources[source.value]) || "";
    if (!base) {
      return "";
    }
    var campaign = (objective && CONFIG.objectives[objective.value]) || (pillar && CONFIG.pillars[pillar.value]) || "";
    try {
      var url = new URL(base);
      ["utm_source", "utm_medium", "utm_campaign"].forEach(function (key) { url.searchParams.delete(key); });
      url.searchParams.append("utm_source", name);
      url.searchParams.append("utm_medium", "social");
      if (campaign) {
        url.searchParams.append("utm_campaign", campaign);
      }
      return url.toString();
    } catch (error) {
      return base;
    }
  }
  function fullText(limits, name) {
    var body = [caption.value.trim(), limits.link_in_text ? trackedLink(name) : ""].filter(Boolean).join("\n");
    var tags = hashtags ? hashtags.value.trim() : "";
    return body && tags ? body + "\n\n" + tags : body || tags;
  }

  // --- the counter under the caption ------------------------------------------------------------
  var counter = document.createElement("p");
  counter.className = "post-counter";
  counter.id = "post-counter";
  counter.setAttribute("aria-live", "polite");
  (caption.closest(".flex-container") || caption).insertAdjacentElement("afterend", counter);
  caption.setAttribute("aria-describedby", ((caption.getAttribute("aria-describedby") || "") + " post-counter").trim());
  var titleCounter = null;
  if (title) {
    titleCounter = document.createElement("p");
    titleCounter.className = "post-counter";
    titleCounter.setAttribute("aria-live", "polite");
    (title.closest(".flex-container") || title).insertAdjacentElement("afterend", titleCounter);
  }

  function update() {
    var name = platform ? platform.value : "";
    var limits = LIMITS[name];
    if (!limits) {
      counter.textContent = "";
      return;
    }
    var text = fullText(limits, name);
    var count = length(text, limits);
    var lines = [say("count", { platform: limits.name, count: count, limit: limits.caption }) + "."];
    var over = count > limits.caption;
    if (over) {
      lines.push(say("over", { over: count - limits.caption }));
    }
    if (limits.hashtags !== null) {
      var tags = hashtagCount(text);
      lines.push(say("tags", { count: tags, limit: limits.hashtags }));
      over = over || tags > limits.hashtags;
    }
    if (limits.weighted) {
      lines.push(say("weighted"));
    }
    if (!limits.link_in_text) {
      lines.push(say("nolink"));
    }
    counter.textContent = lines.join(" ");
    counter.classList.toggle("is-over", over);
    if (titleCounter) {
      titleCounter.textContent = limits.title ? say("title", { count: length(title.value, limits), limit: limits.title }) : "";
      titleCounter.classList.toggle("is-over", !!limits.title && length(title.value, limits) > limits.title);
    }
  }
  [caption, hashtags, title, link].forEach(function (field) {
    if (field) { field.addEventListener("input", update); }
  });
  [platform, source, pillar, objective].forEach(function (field) {
    if (field) { field.addEventListener("change", update); }
  });

  // --- hashtag sets --------------------------------------------------------------------------------
  if (hashtagSet && hashtags) {
    var insert = document.createElement("button");
    insert.type = "button";
    insert.className = "button";
    insert.id = "post-insert-hashtags";
    insert.textContent = say("insert_set");
    hashtagSet.insertAdjacentElement("afterend", insert);
    insert.addEventListener("click", function () {
      var tags = CONFIG.hashtagSets[hashtagSet.value];
      if (!tags) {
        return;
      }
      hashtags.value = normaliseTags(hashtags.value + " " + tags);
      hashtagSet.value = "";
      hashtags.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }

  // --- the caption helper --------------------------------------------------------------------------
  var helper = document.createElement("div");
  helper.className = "post-helper";
  var draft = document.createElement("button");
  draft.type = "button";
  draft.className = "button";
  draft.id = "post-draft-caption";
  draft.textContent = say("draft");
  var status = document.createElement("span");
  status.className = "post-helper-status";
  status.setAttribute("role", "status");
  helper.appendChild(draft);
  helper.appendChild(status);
  counter.insertAdjacentElement("afterend", helper);
  draft.addEventListener("click", function () {
    if (caption.value.trim() && !window.confirm(say("replace"))) {
      return;
    }
    var query = new URLSearchParams({
      source: source ? source.value : "",
      platform: platform ? platform.value : "",
      hashtags: hashtags ? hashtags.value : "",
      link: platform ? trackedLink(platform.value) : "",
    });
    draft.disabled = true;
    status.textContent = say("drafting");
    fetch(CONFIG.draftUrl + "?" + query.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      })
      .then(function (result) {
        if (!result.ok) {
          status.textContent = result.data.error || say("failed");
          return;
        }
        caption.value = result.data.caption;
        if (title && !title.value && result.data.title && LIMITS[platform.value] && LIMITS[platform.value].title) {
          title.value = result.data.title;
        }
        caption.dispatchEvent(new Event("input", { bubbles: true }));
        status.textContent = say("inserted");
        caption.focus();
      })
      .catch(function () { status.textContent = say("failed"); })
      .then(function () { draft.disabled = false; });
  });
  update();
})();

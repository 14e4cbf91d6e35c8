/* The content calendar with FullCalendar (vendored, static/vendor/fullcalendar): drag a planned
 * post or a scheduled item to another day. The server-rendered table stays for anyone without
 * JavaScript; the server decides every move (outreach.calendar.move) and may refuse it. */
(function () {
  "use strict";

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // Events are WIB wall-clock times shown in the "UTC" zone, so they read the same everywhere.
  function dayOf(d) { return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()); }
  function timeOf(d) { return pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()); }

  function say(box, text, bad) {
    box.textContent = text;
    box.className = "cal-message " + (bad ? "cal-bad" : "cal-good");
  }

  // Days of the month without anything planned or published (expiries do not count) are hatched,
  // as in the server-rendered table.
  function markEmptyDays(el, events) {
    var busy = {};
    events.forEach(function (event) {
      if (event.classNames.indexOf("state-expiring") === -1 && event.start) { busy[dayOf(event.start)] = true; }
    });
    el.querySelectorAll(".fc-daygrid-day[data-date]").forEach(function (cell) {
      var empty = !busy[cell.dataset.date] && !cell.classList.contains("fc-day-other");
      cell.classList.toggle("cal-empty", empty);
    });
  }

  function start() {
    var el = document.getElementById("desk-calendar");
    if (!el || !window.FullCalendar) { return; }
    var message = document.getElementById("cal-message");
    var views = { bulan: "dayGridMonth", minggu: "timeGridWeek", daftar: "listMonth" };
    var calendar = new window.FullCalendar.Calendar(el, {
      locale: "id",
      timeZone: "UTC",
      // A month grid is unreadable on a phone: the list of the month instead.
      initialView: window.innerWidth < 768 && el.dataset.view === "bulan"
        ? "listMonth" : (views[el.dataset.view] || "dayGridMonth"),
      initialDate: el.dataset.date,
      firstDay: 1,
      headerToolbar: false,
      height: "auto",
      now: el.dataset.now,
      nowIndicator: true,
      allDaySlot: false,
      eventDisplay: "block",
      dayMaxEvents: 4,
      eventTimeFormat: { hour: "2-digit", minute: "2-digit", hour12: false },
      views: { dayGridMonth: { displayEventTime: false } },
      editable: el.dataset.editable === "1",
      eventDurationEditable: false,
      slotMinTime: "06:00:00",
      slotMaxTime: "22:00:00",
      events: el.dataset.events,
      eventsSet: function (events) { markEmptyDays(el, events); },
      eventDrop: function (info) {
        var body = new URLSearchParams();
        body.set("key", info.event.id);
        body.set("day", dayOf(info.event.start));
        if (info.view.type === "timeGridWeek") { body.set("time", timeOf(info.event.start)); }
        body.set("version", info.event.extendedProps.version || "");
        fetch(el.dataset.move, {
          method: "POST",
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" },
          body: body
        }).then(function (response) {
          return response.json().then(function (data) { return { ok: response.ok && data.ok, data: data }; });
        }).then(function (result) {
          if (!result.ok) { info.revert(); }
          say(message, result.data.message || el.dataset.error, !result.ok);
          calendar.refetchEvents();
        }).catch(function () {
          info.revert();
          say(message, el.dataset.error, true);
        });
      }
    });
    document.getElementById("cal-server").hidden = true;
    document.documentElement.classList.add("cal-js");
    calendar.render();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

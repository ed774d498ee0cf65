/* A site built on 1 November is still read on 1 December: courses whose first session has
   passed since the build leave "Kommande kurser" in the reader's browser. Course elements
   carry their first and last session day (ISO dates); without JavaScript the build-day
   view stands. Does nothing on pages without courses. */
(function () {
  "use strict";

  // Today in Sweden as YYYY-MM-DD, whatever time zone the reader's device is set to.
  function today() {
    var parts = {};
    try {
      new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" })
        .formatToParts(new Date())
        .forEach(function (p) { parts[p.type] = p.value; });
      return parts.year + "-" + parts.month + "-" + parts.day;
    } catch (e) {
      var d = new Date();
      return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
    }
  }

  // The ongoing section's group for the same term, made from the upcoming one if missing.
  function ongoingList(section, group) {
    var key = group.getAttribute("data-iop-term");
    var list = section.querySelector('[data-iop-term="' + key + '"] ul');
    if (!list) {
      var copy = group.cloneNode(true);
      copy.removeAttribute("aria-labelledby");
      Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
      list = copy.querySelector("ul");
      list.removeAttribute("data-iop-upcoming");
      list.innerHTML = "";
      section.appendChild(copy);
    }
    return list;
  }

  function update() {
    var now = today();
    var ongoing = document.querySelector("[data-iop-ongoing]");
    var items = document.querySelectorAll("[data-iop-upcoming] > [data-iop-course-start]");
    Array.prototype.forEach.call(items, function (item) {
      if (item.getAttribute("data-iop-course-start") >= now) return;
      var group = item.closest("[data-iop-term]");
      if (ongoing && group && item.getAttribute("data-iop-course-end") >= now) {
        ongoingList(ongoing, group).appendChild(item);
        ongoing.hidden = false;
      } else {
        item.hidden = true; // over since the build: the archive lists it after the next build
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-iop-courses]"), function (box) {
      var left = box.querySelectorAll("[data-iop-upcoming] > [data-iop-course-start]:not([hidden])").length;
      Array.prototype.forEach.call(box.querySelectorAll("[data-iop-upcoming]"), function (list) {
        var group = list.closest("[data-iop-term]");
        if (group && !list.querySelector("[data-iop-course-start]:not([hidden])")) group.hidden = true;
      });
      var empty = box.querySelector("[data-iop-courses-empty]");
      if (empty && left === 0) empty.hidden = false;
    });
  }

  // Material's instant navigation swaps pages without a reload; document$ tells us when.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(update);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();

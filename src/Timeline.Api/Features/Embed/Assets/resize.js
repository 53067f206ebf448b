/* Timeline widget resizer for the page that embeds it (optional): each Timeline iframe takes the height its
   content reports. Message: {type: "timeline-embed:height", version: 1, height: <CSS px>, slug: <timeline>}.
   Only messages from the frame's own window and origin are obeyed. */
(function () {
  if (window.timelineEmbedResize) return;
  window.timelineEmbedResize = true;
  window.addEventListener("message", function (e) {
    var d = e.data;
    if (!d || d.type !== "timeline-embed:height" || typeof d.height !== "number") return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (f.contentWindow === e.source && new URL(f.src, location.href).origin === e.origin) {
        f.style.height = Math.max(80, Math.min(d.height, 50000)) + "px";
      }
    }
  });
})();

// Rukun's service worker: precaches one build, serves it offline, and never
// mixes files of two builds. scripts/precache.sh fills in BUILD and FILES
// after each Trunk build, so a new build is a new sw.js, which the browser
// installs beside the old one; it waits until the page asks it to take over.
"use strict";

const BUILD = "__RUKUN_BUILD__";
const FILES = __RUKUN_FILES__;
const CACHE = "rukun-shell-" + BUILD;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // cache: "reload" skips the HTTP cache, so we store what the server has now.
      cache.addAll(FILES.map((url) => new Request(url, { cache: "reload" })))
    )
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((names) =>
      Promise.all(
        names
          .filter((name) => name.startsWith("rukun-shell-") && name !== CACHE)
          .map((name) => caches.delete(name))
      )
    )
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // The API and other origins always go to the network; records live in IndexedDB.
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) {
    return;
  }
  if (request.mode === "navigate") {
    // Every app route is the same index.html of this worker's build.
    event.respondWith(fromBuild("/index.html").then((hit) => hit || fetch(request)));
    return;
  }
  event.respondWith(fromBuild(url.pathname).then((hit) => hit || fetch(request)));
});

function fromBuild(path) {
  return caches.open(CACHE).then((cache) => cache.match(path));
}

// The service worker: keeps this build's own files so the planner opens and works without a
// network. This is the template: scripts/dist.mjs writes dist/sw.js from it after each build,
// with VERSION and FILES filled in. src/ui/update.rs registers it with a relative URL, so
// its scope is the folder the app is served from, whatever the sub-path.
"use strict";

// A hash of every file below: a new build means a new worker and a new cache, and the open
// page offers "A new version is available — Reload".
const VERSION = "__VERSION__";
// This build's files, relative to this script; nothing else is ever cached.
const FILES = __FILES__;

const SCOPE = self.registration.scope;
// Caches belong to the whole origin: the scope in the name keeps two copies of the planner
// in different folders of one host from deleting each other's files.
const PREFIX = "negotiation-planner " + SCOPE + " ";
const CACHE = PREFIX + VERSION;
const OURS = new Set(FILES.map((f) => new URL(f, SCOPE).href));
const INDEX = new URL("index.html", SCOPE).href;

self.addEventListener("install", (event) => {
  // "no-cache" revalidates with the server, so a stale HTTP cache cannot mix two builds.
  // All or nothing: if one file fails, this worker is dropped and the next visit retries.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "no-cache" })))),
  );
});

// A new worker waits until the page has saved its edits and asks it to take over; it
// never takes over an open page by itself.
self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

// Taking over: the previous builds' caches (of this scope only) go.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k)),
        ),
      ),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  // Only reads of our own files; anything else (other methods, other origins, other paths)
  // goes to the network untouched.
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  let key = url.href;
  if (request.mode === "navigate" && url.origin + url.pathname === SCOPE) key = INDEX;
  if (!OURS.has(key)) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key))
      .then((hit) => hit || fetch(request)),
  );
});

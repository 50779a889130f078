//! Offline use, updates, installing and hosting: the service worker keeps the build's own
//! files; a new build is offered, and taken only after pending edits are saved; the
//! manifest and its icons; precompressed files; the single-file build opened from disk.
//! One browser session per journey; the hosting checks share one page load.

use crate::support::{self, Browser, StaticServer};
use crate::{assert_clean_console, create_plan, wait_for_titles, wait_saved};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// A copy of the release build that a test may change or serve alone.
fn copy_dist(name: &str) -> PathBuf {
    let to = std::env::temp_dir().join(format!("planner-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&to);
    copy_dir(&support::dist_dir(), &to);
    to
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Waits until the page's service worker is active (its files are cached).
fn wait_worker(b: &Browser) {
    b.wait_until("the service worker to be active", || {
        let state = b.exec_async(
            "const done = arguments[arguments.length - 1];
             navigator.serviceWorker.getRegistration().then(r => done(r && r.active ? r.active.state : null));",
            json!([]),
        );
        (state == "activated").then_some(())
    });
}

/// The names of the caches this origin holds.
fn cache_names(b: &Browser) -> Vec<String> {
    let names = b.exec_async(
        "const done = arguments[arguments.length - 1]; caches.keys().then(done);",
        json!([]),
    );
    serde_json::from_value(names).unwrap_or_default()
}

/// The start script the page runs: its name carries the build's hash.
fn running_build(b: &Browser) -> String {
    b.exec(
        "const s = document.querySelector('script[src*=\"start-\"]'); return s ? s.getAttribute('src') : '';",
        json!([]),
    )
    .as_str()
    .unwrap_or("")
    .to_string()
}

#[test]
fn works_offline_after_the_first_visit() {
    let dir = copy_dist("offline");
    let server = StaticServer::start(dir.clone());
    let b = Browser::start();
    b.goto(&format!("{}#/", server.url()));
    wait_for_titles(&b, "the library", |t| !t.is_empty());
    wait_worker(&b);

    // The network goes away: the app still opens, and plans are made, edited and kept.
    server.stop();
    b.refresh();
    wait_for_titles(&b, "the library, offline", |t| !t.is_empty());
    create_plan(&b, "Train ride");
    let title = b.wait("#plan-title");
    b.replace_text(&title, "Train ride — prepared offline");
    wait_saved(&b);
    crate::open_step(&b, "Parties and alternatives");
    b.refresh();
    b.wait_until("the edited plan after another reload", || {
        let title = b.try_find("#plan-title")?;
        (b.value(&title) == "Train ride — prepared offline").then_some(())
    });
    b.screenshot("offline-after-reload");

    // Back online nothing was lost either.
    server.restart();
    b.goto(&format!("{}#/", server.url()));
    let titles = wait_for_titles(&b, "the library, online again", |t| t.len() == 2);
    assert!(
        titles.contains(&"Train ride — prepared offline".to_string()),
        "{titles:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// The second build of an update: the first one with a changed start script, finished by
/// the same script Trunk runs after each build (new hashed name, new worker, new version).
fn second_build(first: &Path) -> (PathBuf, String) {
    let dir = first.with_file_name(format!(
        "{}-second",
        first.file_name().unwrap().to_string_lossy()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(first, &dir);
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let start = index
        .split('"')
        .find(|s| s.starts_with("./start-"))
        .expect("index.html loads a start script")
        .to_string();
    let code = std::fs::read_to_string(dir.join(&start)).unwrap();
    std::fs::remove_file(dir.join(&start)).unwrap();
    // As Trunk writes it: the loader inline, for scripts/dist.mjs to move into a file.
    let tag = format!("<script type=\"module\" src=\"{start}\"></script>");
    assert!(index.contains(&tag), "{index}");
    let index = index.replace(
        &tag,
        &format!("<script type=module>{code}\n// the second build\n</script>"),
    );
    std::fs::write(dir.join("index.html"), index).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/dist.mjs");
    let status = std::process::Command::new("node")
        .arg(&script)
        .arg(&dir)
        .arg("--no-single")
        .status()
        .expect("node runs scripts/dist.mjs");
    assert!(
        status.success(),
        "scripts/dist.mjs failed on the second build"
    );
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let start = index
        .split('"')
        .find(|s| s.starts_with("./start-"))
        .unwrap()
        .to_string();
    (dir, start)
}

#[test]
fn a_new_build_is_offered_and_taken_after_saving() {
    let first = copy_dist("update");
    let server = StaticServer::start(first.clone());
    let b = Browser::start();
    b.goto(&format!("{}#/", server.url()));
    wait_for_titles(&b, "the library", |t| !t.is_empty());
    wait_worker(&b);
    let old_build = running_build(&b);
    let old_caches = cache_names(&b);
    assert_eq!(old_caches.len(), 1, "{old_caches:?}");
    create_plan(&b, "Before the update");
    wait_saved(&b);

    // A second build is deployed over the first, as a copy onto the folder would.
    let (second, new_build) = second_build(&first);
    assert_ne!(old_build, new_build);
    copy_dir(&second, &first);

    // The user comes back: the page opens from the cache (the old build) and the browser
    // finds the new one behind it.
    b.refresh();
    let banner = b.wait(".update-banner");
    assert!(b.text(&banner).contains("A new version is available"));
    assert_eq!(running_build(&b), old_build);
    b.screenshot("update-offered");

    // An edit still waiting for its save, then Reload: the edit is written first.
    let title = b.wait("#plan-title");
    b.replace_text(&title, "After the update");
    b.click(&b.wait(".update-banner button"));
    b.wait_until("the new build to run", || {
        (running_build(&b) == new_build).then_some(())
    });
    let title = b.wait("#plan-title");
    assert_eq!(b.value(&title), "After the update");
    assert!(b.try_find(".update-banner").is_none());
    b.click(&b.wait(".breadcrumb a"));
    let titles = wait_for_titles(&b, "the plans after the update", |t| t.len() == 2);
    assert!(
        titles.contains(&"After the update".to_string()),
        "{titles:?}"
    );

    // The old build's cache is gone; only the new one is left.
    let caches = b.wait_until("the old cache to go", || {
        let names = cache_names(&b);
        (names.len() == 1 && names != old_caches).then_some(names)
    });
    let version = std::fs::read_to_string(first.join("sw.js")).unwrap();
    assert!(
        version.contains(caches[0].rsplit(' ').next().unwrap()),
        "{caches:?}"
    );
    assert_clean_console(&b);
    let _ = std::fs::remove_dir_all(first);
    let _ = std::fs::remove_dir_all(second);
}

#[test]
fn installable_compressed_and_only_own_files_cached() {
    let dist = support::dist_dir();
    let server = StaticServer::start(dist.clone());
    let b = Browser::start();
    b.goto(&format!("{}#/", server.url()));
    wait_for_titles(&b, "the library", |t| !t.is_empty());
    wait_worker(&b);

    // Compression: the code and the styles came precompressed, and the browser decoded them.
    let served = server.served.lock().unwrap().clone();
    for ext in [".wasm", ".js", ".css", ".html"] {
        let first = served
            .iter()
            .find(|s| s.path.ends_with(ext) || (ext == ".html" && s.path.ends_with('/')))
            .unwrap_or_else(|| panic!("no {ext} served: {served:?}"));
        assert!(
            matches!(first.encoding, Some("br") | Some("gzip")),
            "{ext} came uncompressed: {first:?}"
        );
    }
    let sizes = b.exec(
        "const e = performance.getEntriesByType('resource').find(e => e.name.endsWith('.wasm'));
         return [e.encodedBodySize, e.decodedBodySize];",
        json!([]),
    );
    let (encoded, decoded) = (sizes[0].as_f64().unwrap(), sizes[1].as_f64().unwrap());
    assert!(encoded > 0.0 && encoded < decoded * 0.5, "{sizes}");
    println!(
        "wasm: {encoded} bytes sent, {decoded} decoded ({:?})",
        served
            .iter()
            .find(|s| s.path.ends_with(".wasm"))
            .unwrap()
            .encoding
    );
    // Without an Accept-Encoding the file as it is; with gzip only, the .gz.
    let wasm = served.iter().find(|s| s.path.ends_with(".wasm")).unwrap();
    let url = format!("{}{}", server.origin(), wasm.path);
    let name = wasm.path.rsplit('/').next().unwrap();
    let mut plain = Vec::new();
    let resp = ureq::get(&url).call().unwrap();
    assert_eq!(resp.header("Content-Encoding"), None);
    std::io::Read::read_to_end(&mut resp.into_reader(), &mut plain).unwrap();
    assert_eq!(plain, std::fs::read(dist.join(name)).unwrap());
    let resp = ureq::get(&url)
        .set("Accept-Encoding", "gzip")
        .call()
        .unwrap();
    assert_eq!(resp.header("Content-Encoding"), Some("gzip"));
    assert_eq!(resp.header("Content-Type"), Some("application/wasm"));
    for file in std::fs::read_dir(&dist).unwrap().flatten() {
        let name = file.file_name().to_string_lossy().to_string();
        let original = [".br", ".gz", ".png"].iter().all(|e| !name.ends_with(e));
        if original && file.path().is_file() {
            assert!(dist.join(format!("{name}.br")).exists(), "no {name}.br");
            assert!(dist.join(format!("{name}.gz")).exists(), "no {name}.gz");
        }
    }

    // Installable: the manifest parses, says what Chromium needs, and its icons load at
    // their sizes; theme colours for both schemes.
    let manifest = b.exec_async(
        "const done = arguments[arguments.length - 1];
         const href = document.querySelector('link[rel=manifest]').href;
         fetch(href).then(r => r.json()).then(async m => {
           const icons = await Promise.all(m.icons.map(i => new Promise(ok => {
             const img = new Image();
             img.onload = () => ok({ sizes: i.sizes, purpose: i.purpose, type: i.type,
                                     got: img.naturalWidth + 'x' + img.naturalHeight });
             img.onerror = () => ok({ sizes: i.sizes, got: 'missing ' + i.src });
             img.src = new URL(i.src, href).href;
           })));
           done({ manifest: m, icons });
         }).catch(e => done({ error: String(e) }));",
        json!([]),
    );
    assert!(manifest.get("error").is_none(), "{manifest}");
    let m = &manifest["manifest"];
    assert_eq!(m["name"], "Negotiation planner");
    assert!(
        m["short_name"].as_str().is_some_and(|s| s.len() <= 12),
        "{m}"
    );
    assert_eq!(m["display"], "standalone");
    assert_eq!(m["start_url"], "./");
    assert_eq!(m["scope"], "./");
    assert!(m["theme_color"].is_string() && m["background_color"].is_string());
    let icons = manifest["icons"].as_array().unwrap();
    for icon in icons {
        assert_eq!(icon["got"], icon["sizes"], "{icon}");
        assert_eq!(icon["type"], "image/png");
    }
    for size in ["192x192", "512x512"] {
        assert!(
            icons
                .iter()
                .any(|i| i["sizes"] == size && i["purpose"] == "any"),
            "{icons:?}"
        );
    }
    assert!(icons.iter().any(|i| i["purpose"] == "maskable"));
    let themes = b.exec(
        "return Array.from(document.querySelectorAll('meta[name=theme-color]')).map(m => m.media);",
        json!([]),
    );
    assert_eq!(
        themes,
        json!([
            "(prefers-color-scheme: light)",
            "(prefers-color-scheme: dark)"
        ])
    );

    // The worker cached exactly the build's files, all under the app's folder.
    let cached = b.exec_async(
        "const done = arguments[arguments.length - 1];
         caches.keys().then(async names => {
           const cache = await caches.open(names[0]);
           done({ names, urls: (await cache.keys()).map(r => r.url) });
         });",
        json!([]),
    );
    let names = cached["names"].as_array().unwrap();
    assert_eq!(names.len(), 1, "{cached}");
    assert!(
        names[0]
            .as_str()
            .unwrap()
            .starts_with(&format!("negotiation-planner {} ", server.url())),
        "{cached}"
    );
    let mut urls: Vec<String> = cached["urls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            u.as_str()
                .unwrap()
                .strip_prefix(&server.url())
                .unwrap_or_else(|| panic!("cached from elsewhere: {u}"))
                .to_string()
        })
        .collect();
    urls.sort();
    let mut files = build_files(&dist, "");
    // The worker itself and the headers a host should send (`_headers`) are not the app.
    files.retain(|f| f != "sw.js" && f != "_headers");
    files.sort();
    assert_eq!(urls, files);

    // It ignores requests other than GET and requests to other origins: those reach the
    // server, while a GET of one of its files does not. (The page's policy would refuse a
    // request to another origin before the worker saw it; it is set aside for this check.)
    b.cdp("Page.setBypassCSP", json!({ "enabled": true }));
    b.refresh();
    wait_for_titles(&b, "the library again", |t| !t.is_empty());
    let before = server.served.lock().unwrap().len();
    let other = format!(
        "http://localhost:{}{}index.html",
        server.port,
        support::SUB_PATH
    );
    let result = b.exec_async(
        "const done = arguments[arguments.length - 1];
         Promise.all([
           fetch('index.html'),
           fetch('index.html', { method: 'POST', body: 'x' }),
           fetch(arguments[0], { mode: 'no-cors' }),
         ]).then(() => done(true)).catch(e => done(String(e)));",
        json!([other]),
    );
    assert_eq!(result, Value::Bool(true));
    let after: Vec<support::Served> = server.served.lock().unwrap()[before..].to_vec();
    let index = format!("{}index.html", support::SUB_PATH);
    assert!(
        after.iter().any(|s| s.method == "POST" && s.path == index),
        "the POST did not reach the server: {after:?}"
    );
    assert!(
        after
            .iter()
            .any(|s| s.method == "GET" && s.host.starts_with("localhost")),
        "the request to another origin did not reach the server: {after:?}"
    );
    assert!(
        !after
            .iter()
            .any(|s| s.method == "GET" && s.path == index && s.host.starts_with("127.0.0.1")),
        "a cached file was fetched from the server: {after:?}"
    );
}

/// The build's files under `dir`, relative, compressed copies left out.
fn build_files(dir: &Path, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.path().is_dir() {
            out.extend(build_files(&entry.path(), &format!("{name}/")));
        } else if !name.ends_with(".br") && !name.ends_with(".gz") {
            out.push(name);
        }
    }
    out
}

/// `release/negotiation-planner.html`, which the release build writes beside `dist/`.
fn single_file() -> PathBuf {
    let file = support::dist_dir()
        .parent()
        .unwrap()
        .join("release/negotiation-planner.html");
    assert!(
        file.exists(),
        "{} is missing: the release build writes it (trunk build --release)",
        file.display()
    );
    file
}

#[test]
fn the_single_file_works_from_disk() {
    // Anywhere on disk, alone: it needs no other file.
    let dir = std::env::temp_dir().join(format!("planner-single-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("negotiation-planner.html");
    std::fs::copy(single_file(), &file).unwrap();
    let b = Browser::start();
    b.goto(&format!("file://{}#/", file.display()));
    wait_for_titles(&b, "the library", |t| !t.is_empty());
    create_plan(&b, "Kept on this computer");
    wait_saved(&b);
    b.refresh();
    let title = b.wait("#plan-title");
    assert_eq!(b.value(&title), "Kept on this computer");
    b.click(&b.wait(".breadcrumb a"));
    let titles = wait_for_titles(&b, "the library after a reload", |t| t.len() == 2);
    assert!(titles.contains(&"Kept on this computer".to_string()));
    b.screenshot("single-file-library");

    // No request of any kind, a strict policy, no worker, a clean console.
    let requested = b.exec(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith('data:'));",
        json!([]),
    );
    assert_eq!(requested, json!([]), "the single file made requests");
    let csp = b
        .exec(
            "return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content;",
            json!([]),
        )
        .as_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(csp.contains("'sha256-"), "{csp}");
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
        "{csp}"
    );
    assert!(!csp.contains("'self'"), "{csp}");
    assert_clean_console(&b);
    let _ = std::fs::remove_dir_all(dir);
}

/// Measures (does not assert) the cold load on a simulated 10 Mbit/s link with 40 ms
/// latency, with and without the precompressed files, the bytes it transfers, and the
/// repeat visit through the service worker online and offline. Run by scripts/bench.sh
/// (ignored in the test command: it is a measurement, not a test).
#[test]
#[ignore = "a measurement: scripts/bench.sh runs it"]
fn measure_load_cold_and_repeat() {
    let server = StaticServer::start(support::dist_dir());
    let b = Browser::start();
    let url = format!("{}#/", server.url());
    let mounted = |b: &Browser| -> f64 {
        b.wait(".plan-list");
        b.exec(
            "const m = performance.getEntriesByName('planner-mounted')[0]; return m ? m.startTime : null;",
            json!([]),
        )
        .as_f64()
        .expect("the app marks its mount")
    };
    // Bytes of the page and everything it loaded: on the wire (compressed) and decoded.
    let bytes = |b: &Browser| -> (f64, f64) {
        let v = b.exec(
            "const all = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
             return [all.reduce((s, e) => s + e.encodedBodySize, 0), all.reduce((s, e) => s + e.decodedBodySize, 0)];",
            json!([]),
        );
        (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
    };
    let median = |mut v: Vec<f64>| {
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        (v[v.len() / 2], v[v.len() - 1])
    };
    // The worker installs once, so it does not compete with the loads measured below.
    b.goto(&url);
    mounted(&b);
    wait_worker(&b);

    b.cdp("Network.enable", json!({}));
    b.cdp("Network.setBypassServiceWorker", json!({ "bypass": true }));
    b.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 40, "downloadThroughput": 1_250_000, "uploadThroughput": 1_250_000 }),
    );
    for (label, precompressed) in [("precompressed", true), ("uncompressed", false)] {
        server.set_precompressed(precompressed);
        let mut samples = Vec::new();
        let mut sent = (0.0, 0.0);
        for _ in 0..7 {
            b.goto("about:blank");
            b.goto(&url);
            samples.push(mounted(&b));
            sent = bytes(&b);
        }
        let (med, max) = median(samples);
        println!(
            "MEASURE cold load, 10 Mbit/s + 40 ms, {label}: mounted median {med:.0} ms, max {max:.0} ms (7 loads); {:.0} KB transferred, {:.0} KB decoded",
            sent.0 / 1024.0,
            sent.1 / 1024.0
        );
    }
    server.set_precompressed(true);
    b.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
    );
    b.cdp("Network.setBypassServiceWorker", json!({ "bypass": false }));
    for label in ["online", "offline"] {
        if label == "offline" {
            server.stop();
        }
        let mut samples = Vec::new();
        for _ in 0..7 {
            b.goto("about:blank");
            b.goto(&url);
            samples.push(mounted(&b));
        }
        let (med, max) = median(samples);
        println!(
            "MEASURE repeat visit through the service worker, localhost, {label}: mounted median {med:.0} ms, max {max:.0} ms (7 loads)"
        );
    }
}

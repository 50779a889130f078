//! End-to-end support: a static file server that serves the release `dist/` under a
//! sub-path (as an intranet would) and records every request, and a small synchronous
//! WebDriver client for Chromium. Written here rather than taken from a crate because it
//! needs Chromium's log endpoint and must not pull an async runtime into the test build.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// The sub-path the app is served under, proving it needs no server configuration.
pub const SUB_PATH: &str = "/tools/planner/";

/// One request the server answered: what was asked, of which host, and how the body was
/// encoded (`br`, `gzip`, or `None` for the file as it is).
#[derive(Clone, Debug)]
#[allow(dead_code)] // not every test module reads every field
pub struct Served {
    pub method: String,
    pub host: String,
    pub path: String,
    pub encoding: Option<&'static str>,
}

/// A static file server like any intranet host: it serves a folder under `SUB_PATH`, sends
/// a precompressed `.br` or `.gz` beside a file when the browser accepts that encoding
/// (as nginx `gzip_static`/`brotli_static` do), and can be stopped and started again on
/// the same port (the network going away and coming back).
pub struct StaticServer {
    pub port: u16,
    /// Paths asked for, in order.
    pub requests: Arc<Mutex<Vec<String>>>,
    pub served: Arc<Mutex<Vec<Served>>>,
    shared: Arc<Shared>,
    accept: Mutex<Option<thread::JoinHandle<()>>>,
}

struct Shared {
    root: Mutex<PathBuf>,
    running: AtomicBool,
    precompressed: AtomicBool,
}

impl StaticServer {
    /// Serves `root` under `SUB_PATH` on 127.0.0.1 (a free port) from a background thread.
    pub fn start(root: PathBuf) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let server = StaticServer {
            port: listener.local_addr().expect("local addr").port(),
            requests: Arc::new(Mutex::new(Vec::new())),
            served: Arc::new(Mutex::new(Vec::new())),
            shared: Arc::new(Shared {
                root: Mutex::new(root),
                running: AtomicBool::new(true),
                precompressed: AtomicBool::new(true),
            }),
            accept: Mutex::new(None),
        };
        server.listen(listener);
        server
    }

    fn listen(&self, listener: TcpListener) {
        let (shared, requests, served) = (
            self.shared.clone(),
            self.requests.clone(),
            self.served.clone(),
        );
        let handle = thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if !shared.running.load(Ordering::SeqCst) {
                    return; // dropping the listener closes the port
                }
                let (shared, requests, served) = (shared.clone(), requests.clone(), served.clone());
                thread::spawn(move || serve_one(stream, &shared, &requests, &served));
            }
        });
        *self.accept.lock().unwrap() = Some(handle);
    }

    /// Stops answering: the port is closed and open connections are dropped at their next
    /// request, so the browser sees a server that is gone.
    pub fn stop(&self) {
        self.shared.running.store(false, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(handle) = self.accept.lock().unwrap().take() {
            let _ = handle.join();
        }
    }

    /// Answers again on the same port.
    #[allow(dead_code)]
    pub fn restart(&self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).expect("bind the port again");
        self.shared.running.store(true, Ordering::SeqCst);
        self.listen(listener);
    }

    /// Serves another folder from now on (a new build deployed).
    #[allow(dead_code)]
    pub fn set_root(&self, root: PathBuf) {
        *self.shared.root.lock().unwrap() = root;
    }

    /// Whether `.br`/`.gz` files are sent to browsers that accept them (on by default).
    #[allow(dead_code)]
    pub fn set_precompressed(&self, on: bool) {
        self.shared.precompressed.store(on, Ordering::SeqCst);
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}{}", self.port, SUB_PATH)
    }

    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn serve_one(
    mut stream: TcpStream,
    shared: &Shared,
    requests: &Mutex<Vec<String>>,
    served: &Mutex<Vec<Served>>,
) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        // The headers this server cares about; keep-alive lets Chromium reuse the connection.
        let (mut accept, mut host, mut length) = (String::new(), String::new(), 0usize);
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 2 {
            if let Some((name, value)) = line.split_once(':') {
                let value = value.trim().to_string();
                match name.trim().to_ascii_lowercase().as_str() {
                    "accept-encoding" => accept = value,
                    "host" => host = value,
                    "content-length" => length = value.parse().unwrap_or(0),
                    _ => {}
                }
            }
            line.clear();
        }
        let mut body = vec![0; length.min(1 << 20)];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        if !shared.running.load(Ordering::SeqCst) {
            return; // stopped: drop the connection unanswered
        }
        let mut parts = request_line.split_whitespace();
        let method = parts.next().unwrap_or("GET").to_string();
        let path = parts.next().unwrap_or("/").to_string();
        requests.lock().unwrap().push(path.clone());
        let path = path.split(['?', '#']).next().unwrap_or("/");
        let root = shared.root.lock().unwrap().clone();
        let found = path.strip_prefix(SUB_PATH).and_then(|rest| {
            let rest = if rest.is_empty() { "index.html" } else { rest };
            let file = root.join(rest);
            (!rest.contains("..") && file.is_file()).then_some(file)
        });
        let accepts = |coding: &str| accept.split(',').any(|c| c.trim().starts_with(coding));
        let (status, body, kind, encoding) = match found {
            Some(file) => {
                let precompressed = shared.precompressed.load(Ordering::SeqCst);
                let variant = [("br", "br"), ("gzip", "gz")]
                    .into_iter()
                    .filter(|(coding, _)| precompressed && accepts(coding))
                    .find_map(|(coding, ext)| {
                        let mut name = file.clone().into_os_string();
                        name.push(format!(".{ext}"));
                        std::fs::read(name).ok().map(|body| (body, Some(coding)))
                    });
                match variant.or_else(|| std::fs::read(&file).ok().map(|b| (b, None))) {
                    Some((body, encoding)) => ("200 OK", body, content_type(&file), encoding),
                    None => ("404 Not Found", b"not found".to_vec(), "text/plain", None),
                }
            }
            None => ("404 Not Found", b"not found".to_vec(), "text/plain", None),
        };
        served.lock().unwrap().push(Served {
            method,
            host,
            path: path.to_string(),
            encoding,
        });
        let coding = encoding
            .map(|e| format!("Content-Encoding: {e}\r\n"))
            .unwrap_or_default();
        let headers = host_headers(&root);
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n{coding}Vary: Accept-Encoding\r\nCache-Control: no-store\r\n{headers}\r\n",
            body.len()
        );
        if stream.write_all(head.as_bytes()).is_err() || stream.write_all(&body).is_err() {
            return;
        }
    }
}

/// The headers the build asks a host to send (`dist/_headers`, written by
/// `scripts/dist.mjs`), as `Name: value` lines: served with every file, so every journey
/// runs under the policy a careful host sends.
fn host_headers(root: &Path) -> String {
    let text = std::fs::read_to_string(root.join("_headers")).unwrap_or_default();
    text.lines()
        .filter(|l| l.starts_with(' ') && l.contains(':'))
        .map(|l| format!("{}\r\n", l.trim()))
        .collect()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// The release bundle to test: `$E2E_DIST`, which the test command sets after
/// `trunk build --release`. Missing means the layer cannot run, which is a failure.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var("E2E_DIST")
        .expect("E2E_DIST must point at the release dist/ (run scripts/test.sh)");
    let dir = PathBuf::from(dir);
    assert!(
        dir.join("index.html").exists(),
        "no index.html in {}: run `trunk build --release` first",
        dir.display()
    );
    dir
}

/// A chromedriver process on a free port, killed on drop.
pub struct Driver {
    child: Child,
    pub port: u16,
}

impl Driver {
    pub fn start() -> Driver {
        let exe = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let child = Command::new(&exe)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {exe}: {e}"));
        let driver = Driver { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(resp) = ureq::get(&format!("http://127.0.0.1:{port}/status")).call() {
                if resp
                    .into_json::<Value>()
                    .ok()
                    .and_then(|v| v["value"]["ready"].as_bool())
                    == Some(true)
                {
                    return driver;
                }
            }
            thread::sleep(Duration::from_millis(100));
        }
        panic!("chromedriver did not become ready");
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One browser session with a fresh, empty profile (so local storage starts empty).
pub struct Browser {
    base: String,
    profile: PathBuf,
    _driver: Driver,
}

#[derive(Clone, Debug)]
pub struct Element(String);

pub const ENTER: &str = "\u{E007}";
// Keys for WebDriver; not every key is used by every test module.
#[allow(dead_code)]
pub const ESCAPE: &str = "\u{E00C}";
pub const CONTROL: &str = "\u{E009}";
#[allow(dead_code)]
pub const TAB: &str = "\u{E004}";
pub const END: &str = "\u{E010}";

impl Browser {
    pub fn start() -> Browser {
        Browser::start_sized(1280, 900)
    }

    pub fn start_sized(width: u32, height: u32) -> Browser {
        let driver = Driver::start();
        let profile = std::env::temp_dir().join(format!(
            "planner-e2e-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
                ^ (driver.port as u128)
        ));
        let caps = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": "/usr/bin/chromium",
                    "args": [
                        "--headless=new", "--no-sandbox", "--disable-gpu",
                        "--disable-dev-shm-usage", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--disable-quic",
                        format!("--window-size={width},{height}"),
                        format!("--user-data-dir={}", profile.display()),
                    ],
                    "prefs": {
                        "download.default_directory": profile.join("downloads").display().to_string(),
                        "download.prompt_for_download": false
                    }
                },
                "goog:loggingPrefs": { "browser": "ALL" }
            }}
        });
        let resp: Value = ureq::post(&format!("http://127.0.0.1:{}/session", driver.port))
            .send_json(caps)
            .unwrap_or_else(|e| panic!("cannot start Chromium: {}", describe(e)))
            .into_json()
            .expect("session json");
        let session = resp["value"]["sessionId"]
            .as_str()
            .expect("session id")
            .to_string();
        let browser = Browser {
            base: format!("http://127.0.0.1:{}/session/{session}", driver.port),
            profile,
            _driver: driver,
        };
        // Chromium's windows are at least 500 px wide; narrower screens (a 360 px phone)
        // are emulated through the DevTools protocol, as a phone's viewport.
        if width < 500 {
            browser.emulate_screen(width, height);
        }
        browser
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = format!("{}{}", self.base, path);
        let req = ureq::request(method, &url).timeout(Duration::from_secs(60));
        let result = match body {
            Some(b) => req.send_json(b),
            None => req.call(),
        };
        match result {
            Ok(resp) => Ok(resp.into_json::<Value>().map_err(|e| e.to_string())?["value"].clone()),
            Err(e) => Err(describe(e)),
        }
    }

    fn post(&self, path: &str, body: Value) -> Value {
        self.call("POST", path, Some(body))
            .unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    /// Where downloads land.
    pub fn downloads(&self) -> PathBuf {
        self.profile.join("downloads")
    }

    /// Waits for a finished download whose name ends with `suffix`; returns its path.
    pub fn wait_download(&self, suffix: &str) -> PathBuf {
        self.wait_until(&format!("a download *{suffix}"), || {
            std::fs::read_dir(self.downloads())
                .ok()?
                .flatten()
                .map(|e| e.path())
                .find(|p| p.to_string_lossy().ends_with(suffix))
        })
    }

    pub fn goto(&self, url: &str) {
        self.post("/url", json!({ "url": url }));
    }

    pub fn refresh(&self) {
        self.post("/refresh", json!({}));
    }

    pub fn current_url(&self) -> String {
        self.call("GET", "/url", None)
            .unwrap()
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    pub fn try_find(&self, css: &str) -> Option<Element> {
        self.call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        )
        .ok()
        .and_then(|v| element_id(&v))
    }

    pub fn find_all(&self, css: &str) -> Vec<Element> {
        self.post("/elements", json!({"using": "css selector", "value": css}))
            .as_array()
            .map(|a| a.iter().filter_map(element_id).collect())
            .unwrap_or_default()
    }

    /// Waits up to 10 s for an element: the app renders asynchronously after load.
    pub fn wait(&self, css: &str) -> Element {
        self.wait_until(&format!("element {css}"), || self.try_find(css))
    }

    pub fn wait_until<T>(&self, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(v) = f() {
                return v;
            }
            if Instant::now() > deadline {
                self.screenshot(&format!("timeout-{}", sanitize(what)));
                panic!("timed out waiting for {what}");
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn click(&self, el: &Element) {
        self.post(&format!("/element/{}/click", el.0), json!({}));
    }

    pub fn send_keys(&self, el: &Element, text: &str) {
        self.post(&format!("/element/{}/value", el.0), json!({ "text": text }));
    }

    /// Keys to whatever has focus, like a user typing.
    pub fn type_keys(&self, text: &str) {
        let mut actions = Vec::new();
        for ch in text.chars() {
            actions.push(json!({"type": "keyDown", "value": ch.to_string()}));
            actions.push(json!({"type": "keyUp", "value": ch.to_string()}));
        }
        self.post(
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        );
    }

    /// Replaces an input's text the way a user does: select all, then type.
    pub fn replace_text(&self, el: &Element, text: &str) {
        self.click(el);
        self.send_keys(el, &format!("{CONTROL}a{CONTROL}"));
        self.send_keys(el, text);
    }

    pub fn text(&self, el: &Element) -> String {
        self.call("GET", &format!("/element/{}/text", el.0), None)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    }

    pub fn prop(&self, el: &Element, name: &str) -> Value {
        self.call("GET", &format!("/element/{}/property/{name}", el.0), None)
            .unwrap_or(Value::Null)
    }

    pub fn value(&self, el: &Element) -> String {
        self.prop(el, "value").as_str().unwrap_or("").to_string()
    }

    pub fn exec(&self, script: &str, args: Value) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": args}))
    }

    /// Sends a DevTools protocol command through chromedriver (emulation of phones and
    /// colour schemes).
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.post("/goog/cdp/execute", json!({"cmd": cmd, "params": params}))
    }

    /// Runs an asynchronous script: it gets its arguments and, last, a callback to call
    /// with the result.
    pub fn exec_async(&self, script: &str, args: Value) -> Value {
        self.post("/execute/async", json!({"script": script, "args": args}))
    }

    /// Browser console entries (Chromium's log endpoint), as (level, message).
    pub fn console(&self) -> Vec<(String, String)> {
        self.call("POST", "/se/log", Some(json!({"type": "browser"})))
            .ok()
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .map(|e| {
                (
                    e["level"].as_str().unwrap_or("").to_string(),
                    e["message"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    }

    /// Lays the page out `width` × `height` CSS pixels, as a phone would (a Chromium
    /// window cannot be narrower than 500 px); screenshots then show that size.
    pub fn emulate_screen(&self, width: u32, height: u32) {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}),
        );
    }

    /// Saves a PNG under target/e2e-screenshots/ for a person to look at.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-screenshots");
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(format!("{name}.png"));
        if let Ok(Value::String(b64)) = self.call("GET", "/screenshot", None) {
            if let Some(bytes) = decode_base64(&b64) {
                let _ = std::fs::write(&path, bytes);
            }
        }
        path
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.call("DELETE", "", None);
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn element_id(v: &Value) -> Option<Element> {
    v.as_object()?
        .iter()
        .find(|(k, _)| k.starts_with("element-"))
        .and_then(|(_, id)| id.as_str())
        .map(|id| Element(id.to_string()))
}

fn describe(e: ureq::Error) -> String {
    match e {
        ureq::Error::Status(code, resp) => {
            let mut body = String::new();
            let _ = resp.into_reader().take(4000).read_to_string(&mut body);
            format!("HTTP {code}: {body}")
        }
        other => other.to_string(),
    }
}

fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for b in s.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b'\n' | b'\r' => continue,
            _ => return None,
        };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

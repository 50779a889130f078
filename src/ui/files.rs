//! Files in and out of the browser: downloads made from text, and reading a picked file.
//! Nothing is uploaded anywhere: the file's text goes straight to the app.

use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |e: JsValue| format!("the download could not start ({e:?})");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    download_blob(name, &blob)
}

/// Offers a blob (an image made on a canvas, a text) as a file download named `name`.
pub fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let fail = |e: JsValue| format!("the download could not start ({e:?})");
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoke later: revoking at once can cancel the download in some browsers.
    let revoke = url.clone();
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&revoke);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// A file name from a plan title: letters, digits and dashes, never empty.
pub fn file_stem(title: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let stem: String = stem.chars().take(60).collect();
    if stem.is_empty() {
        "plan".into()
    } else {
        stem
    }
}

/// The largest file the planner reads at all: its own files go up to 16 MB
/// (`persist::exchange`), research files and CSV up to 20 MB. Anything larger is refused
/// before it is read, since reading it would hold the page.
pub const MAX_FILE_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// Reads a picked or dropped file as text (UTF-8; a byte-order mark is dropped and
/// invalid bytes become U+FFFD, as the browser's own text reading does). The bytes are
/// copied as they are: turning a large file into a JavaScript string first, and that
/// into Rust's, held the page for a quarter of a second on a 12 MB file.
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    let size = file.size();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "the file is {:.1} MB; the planner reads files up to {} MB",
            size / (1024.0 * 1024.0),
            MAX_FILE_BYTES / (1024.0 * 1024.0)
        ));
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "the file could not be read".to_string())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// How many files one import reads at most (a dropped folder tree can be huge).
pub const MAX_FILES: usize = 500;

/// A picked or dropped file with its path inside the chosen folder ("domain00/profileA.json"),
/// or its bare name when a file was chosen alone.
pub struct Picked {
    pub path: String,
    pub file: web_sys::File,
}

/// The files of a file input: each with its path in the chosen folder, when a folder was
/// picked (`webkitdirectory`).
pub fn picked_files(list: Option<web_sys::FileList>) -> Vec<Picked> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|file| {
            let relative = js_sys::Reflect::get(&file, &"webkitRelativePath".into())
                .ok()
                .and_then(|v| v.as_string())
                .filter(|p| !p.is_empty());
            Picked {
                path: relative.unwrap_or_else(|| file.name()),
                file,
            }
        })
        .take(MAX_FILES)
        .collect()
}

/// Calls a method of a browser object by name (the File and Directory Entries API has no
/// bindings in the web-sys features the app uses, and needs none beyond this).
fn call(obj: &JsValue, method: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(obj, &method.into())?.dyn_into()?;
    let args: js_sys::Array = args.iter().copied().collect();
    f.apply(obj, &args)
}

/// Calls a method that reports through success and error callbacks, as a future.
async fn callback(obj: &JsValue, method: &str) -> Result<JsValue, JsValue> {
    let mut failed = None;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        if let Err(e) = call(obj, method, &[&resolve, &reject]) {
            failed = Some(e);
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    wasm_bindgen_futures::JsFuture::from(promise).await
}

/// The entries (files and folders) of a drop. They must be taken while the drop event is
/// being handled: the browser empties the drop's data afterwards.
pub fn drop_entries(ev: &web_sys::DragEvent) -> Vec<JsValue> {
    let Some(dt) = ev.data_transfer() else {
        return Vec::new();
    };
    let Ok(items) = js_sys::Reflect::get(&dt, &"items".into()) else {
        return Vec::new();
    };
    let n = js_sys::Reflect::get(&items, &"length".into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0) as u32;
    (0..n)
        .filter_map(|k| js_sys::Reflect::get_u32(&items, k).ok())
        .filter_map(|item| call(&item, "webkitGetAsEntry", &[]).ok())
        .filter(|entry| !entry.is_null() && !entry.is_undefined())
        .collect()
}

/// Every file under the dropped entries, folders walked into, each with its path from the
/// dropped folder ("ANL2023_domain00/specials.json"); at most [`MAX_FILES`].
pub async fn dropped_files(entries: Vec<JsValue>) -> Vec<Picked> {
    let flag = |e: &JsValue, key: &str| {
        js_sys::Reflect::get(e, &key.into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    };
    let mut out = Vec::new();
    let mut stack = entries;
    stack.reverse();
    while let Some(entry) = stack.pop() {
        if out.len() >= MAX_FILES {
            break;
        }
        if flag(&entry, "isDirectory") {
            let Ok(reader) = call(&entry, "createReader", &[]) else {
                continue;
            };
            // A directory is read in batches until an empty one.
            let mut children = Vec::new();
            while let Ok(batch) = callback(&reader, "readEntries").await {
                let batch: js_sys::Array = batch.unchecked_into();
                if batch.length() == 0 || children.len() > MAX_FILES {
                    break;
                }
                children.extend(batch.iter());
            }
            children.reverse();
            stack.extend(children);
        } else if flag(&entry, "isFile") {
            let path = js_sys::Reflect::get(&entry, &"fullPath".into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            if let Ok(file) = callback(&entry, "file").await {
                let file: web_sys::File = file.unchecked_into();
                let path = path.trim_start_matches('/').to_string();
                out.push(Picked {
                    path: if path.is_empty() { file.name() } else { path },
                    file,
                });
            }
        }
    }
    out
}

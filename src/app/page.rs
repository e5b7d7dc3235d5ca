//! The page's shared state: which guide is open, why the last one could not be, and
//! what the page learned when it took over the prerendered guide (the link's query,
//! text the reader typed before). Provided once by [`App`](super::App).

use std::sync::Arc;

use guide_engine::Document;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Startup;
use super::images::Images;
use super::open_guide::{OpenError, Source};
use super::workers::{self, JobError};

/// Where the bundled guide came from, as the page says it ("Matomo (bundled)").
fn bundled_name(document: &Document) -> String {
    format!("{} (bundled)", document.title())
}

/// A guide on show.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// Where it came from ("Matomo (bundled)", a file name, "pasted text").
    pub name: String,
    /// The parsed guide, shared with the session built for it.
    pub document: Arc<Document>,
    /// Whether it is the guide the page ships with.
    pub bundled: bool,
    /// The images the reader gave with it.
    pub images: Images,
    /// What the page left out of what the reader gave, each with why.
    pub skipped: Vec<String>,
}

/// The page's shared state. Cheap to copy.
#[derive(Clone, Copy, Debug)]
pub struct Page {
    bundled: StoredValue<Arc<Document>>,
    current: RwSignal<Opened>,
    /// Why the last guide the reader asked for could not be opened.
    pub error: RwSignal<Option<String>>,
    query: StoredValue<Vec<(String, String)>>,
    typed: StoredValue<Vec<(String, String)>>,
}

/// The page's state, provided by [`App`](super::App).
///
/// # Panics
/// Outside the app, where none is provided: a programming error, never a reader's.
pub fn use_page() -> Page {
    expect_context::<Page>()
}

impl Page {
    /// The page showing the bundled guide.
    pub fn new(bundled: Arc<Document>, startup: Startup) -> Page {
        Page {
            current: RwSignal::new(Opened {
                name: bundled_name(&bundled),
                document: bundled.clone(),
                bundled: true,
                images: Images::default(),
                skipped: Vec::new(),
            }),
            bundled: StoredValue::new(bundled),
            error: RwSignal::new(None),
            query: StoredValue::new(startup.query),
            typed: StoredValue::new(startup.typed),
        }
    }

    /// The link's query parameters.
    pub fn query(&self) -> Vec<(String, String)> {
        self.query.get_value()
    }

    /// What the reader typed before the takeover, handed out once.
    pub fn take_typed(&self) -> Vec<(String, String)> {
        let mut typed = Vec::new();
        self.typed.update_value(|t| std::mem::swap(t, &mut typed));
        typed
    }

    /// The guide on show (tracked).
    pub fn current(&self) -> Opened {
        self.current.get()
    }

    /// The bundled guide's title, for "Back to the … guide".
    pub fn bundled_title(&self) -> String {
        self.bundled.with_value(|d| d.title().to_owned())
    }

    /// Whether the bundled guide is on show (tracked).
    pub fn is_bundled(&self) -> bool {
        self.current.with(|c| c.bundled)
    }

    /// Opens a guide the reader chose: it is parsed in the worker and shown if it
    /// parses; otherwise the guide on show stays and the page says why.
    pub fn open(&self, source: Result<Source, OpenError>) {
        let Source {
            name,
            text,
            images,
            skipped,
        } = match source {
            Ok(source) => source,
            Err(refusal) => return self.error.set(Some(refusal.to_string())),
        };
        let page = *self;
        spawn_local(async move {
            match workers::parse(&text).await {
                Ok(parsed) => {
                    page.error.set(None);
                    page.show(Opened {
                        name,
                        document: Arc::new(parsed.value),
                        bundled: false,
                        images: Images::from_files(images),
                        skipped,
                    });
                }
                // A newer guide replaced this one before it was parsed.
                Err(JobError::Superseded) => {}
                Err(reason) => page
                    .error
                    .set(Some(OpenError::NotParsed { name, reason }.to_string())),
            }
        });
    }

    /// Back to the bundled guide.
    pub fn back_to_bundled(&self) {
        self.error.set(None);
        let document = self.bundled.get_value();
        self.show(Opened {
            name: bundled_name(&document),
            document,
            bundled: true,
            images: Images::default(),
            skipped: Vec::new(),
        });
    }

    /// Puts `opened` on show, releasing the images of the guide it replaces.
    fn show(&self, opened: Opened) {
        self.current.with_untracked(|old| old.images.release());
        self.current.set(opened);
    }
}

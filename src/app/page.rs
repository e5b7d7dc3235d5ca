//! The page's shared state: what the page was built to show (a guide, or the site's
//! index), which guide is open, why the last one could not be, and
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
use crate::protocol::page_data::{PageData, SiteIndex};

/// What the page was built to show: its own guide, or the site's index.
#[derive(Clone, Debug)]
pub enum Home {
    /// A guide's page.
    Guide(Arc<Document>),
    /// The site's index.
    Index(Arc<SiteIndex>),
}

impl Home {
    /// The page's data as the build wrote it.
    pub fn new(data: PageData) -> Home {
        match data {
            PageData::Guide(document) => Home::Guide(Arc::new(document)),
            PageData::Index(index) => Home::Index(Arc::new(index)),
        }
    }
}

/// A guide on show.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// Where it came from: the guide's title for the page's own guide ("Matomo"), a
    /// file name, "pasted text".
    pub name: String,
    /// The parsed guide, shared with the session built for it.
    pub document: Arc<Document>,
    /// Whether it is the guide the page was built for. Only that one takes the link's
    /// values: a link is made for one guide, not for every guide opened after it.
    pub own: bool,
    /// The images the reader gave with it.
    pub images: Images,
    /// What the page left out of what the reader gave, each with why.
    pub skipped: Vec<String>,
}

impl Opened {
    /// The guide the page was built for: its own.
    fn own(document: Arc<Document>) -> Opened {
        Opened {
            name: document.title().to_owned(),
            document,
            own: true,
            images: Images::default(),
            skipped: Vec::new(),
        }
    }
}

/// The page's shared state. Cheap to copy.
#[derive(Clone, Copy, Debug)]
pub struct Page {
    home: StoredValue<Home>,
    /// The guide on show; `None` while the site's index is.
    current: RwSignal<Option<Opened>>,
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
    /// The page showing what it was built for.
    pub fn new(home: Home, startup: Startup) -> Page {
        let current = match &home {
            Home::Guide(document) => Some(Opened::own(document.clone())),
            Home::Index(_) => None,
        };
        Page {
            current: RwSignal::new(current),
            home: StoredValue::new(home),
            error: RwSignal::new(None),
            query: StoredValue::new(startup.query),
            typed: StoredValue::new(startup.typed),
        }
    }

    /// The link's query parameters, for what the page was built to show; nothing for a
    /// guide the reader opened later.
    pub fn query_for(&self, home: bool) -> Vec<(String, String)> {
        if home {
            self.query.get_value()
        } else {
            Vec::new()
        }
    }

    /// What the reader typed before the takeover, handed out once.
    pub fn take_typed(&self) -> Vec<(String, String)> {
        let mut typed = Vec::new();
        self.typed.update_value(|t| std::mem::swap(t, &mut typed));
        typed
    }

    /// The guide on show, `None` for the site's index (tracked).
    pub fn current(&self) -> Option<Opened> {
        self.current.get()
    }

    /// The site's index, when this page is it.
    pub fn index(&self) -> Option<Arc<SiteIndex>> {
        self.home.with_value(|home| match home {
            Home::Index(index) => Some(index.clone()),
            Home::Guide(_) => None,
        })
    }

    /// What "Back to …" returns to: the page's own guide, or the list of guides.
    pub fn home_name(&self) -> String {
        self.home.with_value(|home| match home {
            Home::Guide(document) => format!("the {} guide", document.title()),
            Home::Index(_) => "the list of guides".to_owned(),
        })
    }

    /// Whether what the page was built to show is on show (tracked).
    pub fn is_home(&self) -> bool {
        self.current.with(|c| c.as_ref().is_none_or(|c| c.own))
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
                    page.show(Some(Opened {
                        name,
                        document: Arc::new(parsed.value),
                        own: false,
                        images: Images::from_files(images),
                        skipped,
                    }));
                }
                // A newer guide replaced this one before it was parsed.
                Err(JobError::Superseded) => {}
                Err(reason) => page
                    .error
                    .set(Some(OpenError::NotParsed { name, reason }.to_string())),
            }
        });
    }

    /// Back to what the page was built to show.
    pub fn back_home(&self) {
        self.error.set(None);
        let home = self.home.with_value(|home| match home {
            Home::Guide(document) => Some(Opened::own(document.clone())),
            Home::Index(_) => None,
        });
        self.show(home);
    }

    /// Puts `opened` on show, releasing the images of the guide it replaces.
    fn show(&self, opened: Option<Opened>) {
        self.current.with_untracked(|old| {
            if let Some(old) = old {
                old.images.release();
            }
        });
        self.current.set(opened);
    }
}

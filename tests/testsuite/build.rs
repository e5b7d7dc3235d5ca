//! The site build end to end (`guide_playground::build`, the stages Trunk's hook runs):
//! folders of guides built into a staging folder as Trunk leaves it, and what the site
//! holds afterwards, or, for a folder that cannot be built, every reason and nothing
//! written.

use std::path::{Path, PathBuf};

use guide_playground::build::load::{PARTIAL_FOLDER, digest_of};
use guide_playground::build::render::DEFAULT_INDEX_TITLE;
use guide_playground::build::{self, BuildError, Inputs, Summary};
use guide_playground::folder::MAX_IMAGE_BYTES;
use guide_playground::protocol::page_data::{PageData, decode_page};
use guide_playground::site::{self, config};

/// The page as Trunk stages it, reduced to what the build reads: the policy's markers,
/// the style element, the two preloads of the app's files, the head's three fields and
/// the app's root (no inline script: a guide's page then holds one script element, its
/// data).
const TEMPLATE: &str = "<html><head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self' 'inline-script-hashes'; style-src 'inline-style-hashes'\"><style>\nbody { margin: 0 }\n</style><title>x</title><meta name=\"description\" content=\"\"><link rel=\"canonical\" href=\"\">\n<link rel=\"modulepreload\" href=\"/guide-playground-0a.js\">\n<link rel=\"preload\" href=\"/guide-playground-0a_bg.wasm\">\n</head><body><div id=\"gp-app\"></div></body></html>";

/// Builds `folder` into `staging` as Trunk's hook does.
fn build(
    folder: &Path,
    staging: &Path,
    public_path: &str,
    site_url: Option<&str>,
    config: Option<&Path>,
) -> Result<Summary, Vec<BuildError>> {
    build::build(&Inputs {
        folder: folder.to_path_buf(),
        staging: staging.to_path_buf(),
        public_path: public_path.to_owned(),
        site_url: site_url.map(str::to_owned),
        config: config.map(Path::to_path_buf),
    })
}

/// A folder of guides and a staging directory with the template, in a fresh
/// temporary directory.
fn fixture(name: &str, files: &[(&str, &str)]) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("prerender-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let folder = dir.join("guides");
    let staging = dir.join("stage");
    for (path, text) in files {
        let path = folder.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    std::fs::create_dir_all(&staging).expect("mkdir");
    std::fs::write(staging.join("index.html"), TEMPLATE).expect("write");
    (folder, staging)
}

fn data_of(page: &str) -> PageData {
    let data = page
        .split("id=\"gp-guide-data\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("a data block");
    decode_page(data).expect("the data reads back")
}

/// A fixture folder of the repository (tests/fixtures/<name>).
fn repository_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

/// A fresh staging directory holding the template.
fn stage(name: &str) -> PathBuf {
    let (_, staging) = fixture(name, &[]);
    staging
}

#[test]
fn a_configuration_setting_every_key_shows_each_on_the_site() {
    let folder = repository_fixture("site-config");
    let staging = stage("site-config");
    build(&folder, &staging, "/", None, None).expect("builds");
    let index = std::fs::read_to_string(staging.join("index.html")).expect("index");
    let guide = std::fs::read_to_string(staging.join("portal/index.html")).expect("the guide");
    let logo = format!(
        "_images/{}.png",
        digest_of(&std::fs::read(folder.join("brand/logo.png")).expect("logo"))
    );
    assert!(staging.join(&logo).is_file(), "the logo is published");
    for page in [&index, &guide] {
        assert!(
            page.contains(&format!(
                "<nav class=\"site-brand\" aria-label=\"Acme Platform\"><a href=\"https://acme.test/docs/\"><img src=\"{logo}\" alt=\"\">Acme Platform</a></nav>"
            )),
            "{page}"
        );
        assert!(
            page.contains("<li><a href=\"https://acme.test/privacy/\">Acme privacy notice</a></li><li><a href=\"./\">Back to the guides</a></li>"),
            "{page}"
        );
        // The site's rules join the app's in the page's one style element, which the
        // policy allows by its hash.
        let rules = "body{margin: 0}:root{--accent:light-dark(#0b5394,#9fc5e8)}.site-brand{";
        assert!(page.contains(&format!("<style>{rules}")), "{page}");
        let style = page
            .split("<style>")
            .nth(1)
            .and_then(|rest| rest.split("</style>").next())
            .expect("a style element");
        assert!(
            page.contains(&format!(
                "style-src {}\"",
                build::policy::source_hash(style)
            )),
            "{page}"
        );
        assert_eq!(page.matches("<style").count(), 1, "{page}");
        assert!(!page.contains("stylesheet"), "{page}");
    }
    assert!(index.contains("<title>Acme sign-in guides"), "{index}");
    assert!(
        index.contains("<meta name=\"description\" content=\"How Acme's applications"),
        "{index}"
    );
    assert!(
        index.contains("<link rel=\"canonical\" href=\"https://docs.acme.test/guides/\">"),
        "{index}"
    );
    assert!(
        guide.contains("<link rel=\"canonical\" href=\"https://docs.acme.test/guides/portal/\">"),
        "{guide}"
    );
    // The defaults: in the prerendered code and in the page's data alike.
    assert!(guide.contains("https://login.acme.test"), "{guide}");
    assert!(!guide.contains("example.com"), "{guide}");
    let PageData::Guide(document) = data_of(&guide) else {
        panic!("a guide page");
    };
    let default = |name: &str| document.variable(name).map(|v| v.default.clone());
    assert_eq!(default("domain").as_deref(), Some("acme.test"));
    assert_eq!(default("subdomain-authelia").as_deref(), Some("login"));
    assert_eq!(default("team").as_deref(), Some("platform"));
    let PageData::Index(site) = data_of(&index) else {
        panic!("the index");
    };
    assert_eq!(site.title, "Acme sign-in guides");
    assert_eq!(
        site.values.variable("domain").map(|v| v.default.as_str()),
        Some("acme.test")
    );
    // SITE_URL still wins over the file's base URL.
    let again = stage("site-config-url");
    build(&folder, &again, "/", Some("https://elsewhere.test/"), None).expect("builds");
    let index = std::fs::read_to_string(again.join("index.html")).expect("index");
    assert!(
        index.contains("<link rel=\"canonical\" href=\"https://elsewhere.test/\">"),
        "{index}"
    );
}

#[test]
fn each_broken_configuration_fails_the_build_naming_its_key_and_writes_nothing() {
    let folder = repository_fixture("site-config");
    let broken = repository_fixture("site-config-broken");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&broken)
        .expect("the broken cases")
        .map(|entry| entry.expect("a case").path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 7, "{cases:?}");
    for case in cases {
        let file = case.join(config::CONFIG_FILE);
        let text = std::fs::read(&file).expect("the case's file");
        let expected = String::from_utf8_lossy(&text)
            .lines()
            .find_map(|line| line.strip_prefix("# expect: "))
            .expect("an expect: line")
            .to_owned();
        let staging = stage("site-config-broken");
        let before = tree(&staging);
        let errors = build(&folder, &staging, "/", None, Some(&file)).expect_err("broken");
        let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 1, "{}: {said:?}", case.display());
        assert!(
            said[0].starts_with(&format!("{}: ", file.display())),
            "{said:?}"
        );
        assert!(said[0].contains(&expected), "{}: {said:?}", case.display());
        assert_eq!(tree(&staging), before, "something was written");
    }
}

#[test]
fn a_default_a_guide_s_own_kind_refuses_fails_naming_the_guide() {
    let (folder, staging) = fixture(
        "config-kind",
        &[
            (
                "a.md",
                "# A\n\n{{< sitevar name=\"portal-host\" kind=\"host\" nojs=\"portal.example.com\" >}}\n",
            ),
            (
                "b.md",
                "# B\n\n{{< sitevar name=\"portal-host\" nojs=\"x\" >}}\n",
            ),
            (
                config::CONFIG_FILE,
                "[defaults]\nportal-host = \"https://portal.acme.test/\"\n",
            ),
        ],
    );
    let errors = build(&folder, &staging, "/", None, None).expect_err("refused");
    let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with("guide-playground.toml: `defaults.portal-host`: a.md declares it kind=\"host\", which refuses this default: "),
        "{said:?}"
    );
}

#[test]
fn a_named_configuration_that_is_missing_fails_and_none_in_the_folder_is_fine() {
    let (folder, staging) = fixture("no-config", &[("a.md", "# A\n")]);
    build(&folder, &staging, "/", None, None).expect("no configuration is fine");
    let missing = folder.join("nowhere.toml");
    let errors = build(&folder, &staging, "/", None, Some(&missing)).expect_err("missing");
    assert!(
        errors[0]
            .to_string()
            .starts_with(&missing.display().to_string()),
        "{errors:?}"
    );
    let page = std::fs::read_to_string(staging.join("a/index.html")).expect("a's page");
    assert!(page.contains("<style>body{margin: 0}</style>"), "{page}");
}

#[test]
fn a_guide_cannot_close_its_data_block_or_the_head() {
    let guide = "---\ntitle: \"</script><script>alert(1)</script>\"\ndescription: \"a \\\"quoted\\\" <b>\"\n---\nText </script> here.\n";
    let (folder, staging) = fixture("escape", &[("evil.md", guide)]);
    build(&folder, &staging, "/", None, None).expect("builds");
    let page = std::fs::read_to_string(staging.join("evil/index.html")).expect("page");
    assert_eq!(page.matches("</script>").count(), 1, "{page}");
    assert!(
        page.contains("content=\"a &quot;quoted&quot; &lt;b&gt;\""),
        "{page}"
    );
    let PageData::Guide(back) = data_of(&page) else {
        panic!("a guide page");
    };
    assert_eq!(back.title(), "</script><script>alert(1)</script>");
}

#[test]
fn the_index_names_its_list_apart_from_its_own_title() {
    // With no _index.md the index is titled "Guides"; its list's heading must
    // not say "Guides" a second time.
    let (folder, staging) = fixture(
        "headings",
        &[("alpha/index.md", "---\ntitle: Alpha\n---\n# A\n")],
    );
    build(&folder, &staging, "/", None, None).expect("builds");
    let html = std::fs::read_to_string(staging.join("index.html")).expect("index");
    let headings: Vec<String> = ["<h1", "<h2"]
        .iter()
        .flat_map(|open| html.match_indices(open).map(|(at, _)| at))
        .filter_map(|at| {
            let rest = &html[at..];
            let text = &rest[rest.find('>')? + 1..rest.find("</h")?];
            Some(text.trim().to_owned())
        })
        .collect();
    assert!(
        headings.iter().any(|h| h == DEFAULT_INDEX_TITLE),
        "{headings:?}"
    );
    let mut unique = headings.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        headings.len(),
        "a heading said twice: {headings:?}"
    );
}

#[test]
fn a_folder_becomes_an_index_pages_images_redirects_and_a_sitemap() {
    let (folder, staging) = fixture(
        "site",
        &[
            (
                "_index.md",
                "---\ntitle: Our clients\ndescription: Every client.\n---\n",
            ),
            (
                "alpha/index.md",
                "---\ntitle: Alpha\naliases:\n  - /old/alpha/\n---\n# A\n\n![Login](login.png) [Beta](../beta/index.md) {{< sitevar name=\"domain\" nojs=\"example.com\" >}}\n",
            ),
            ("alpha/login.png", "png"),
            ("beta/index.md", "---\ntitle: Beta\n---\n# B\n"),
        ],
    );
    let summary = build(
        &folder,
        &staging,
        "/docs/",
        Some("https://x.example/docs/"),
        None,
    )
    .expect("builds");
    let image = format!("_images/{}.png", digest_of(b"png"));
    assert_eq!(summary.pages, vec!["alpha/index.html", "beta/index.html"]);
    assert_eq!(summary.images, vec![image.clone()]);
    assert_eq!(summary.redirects, vec!["old/alpha/index.html"]);
    let alpha = std::fs::read_to_string(staging.join("alpha/index.html")).expect("alpha");
    assert!(alpha.contains(&format!("src=\"{image}\"")), "{alpha}");
    assert!(alpha.contains("href=\"beta/\""), "{alpha}");
    assert!(alpha.contains("<link rel=\"canonical\" href=\"https://x.example/docs/alpha/\">"));
    assert_eq!(std::fs::read(staging.join(&image)).expect("copied"), b"png");
    assert!(!staging.join(PARTIAL_FOLDER).exists());
    let redirect = std::fs::read_to_string(staging.join("old/alpha/index.html")).expect("redirect");
    assert!(redirect.contains("url=/docs/alpha/"), "{redirect}");
    let PageData::Index(index) =
        data_of(&std::fs::read_to_string(staging.join("index.html")).expect("index"))
    else {
        panic!("the index");
    };
    assert_eq!(index.title, "Our clients");
    let titles: Vec<&str> = index.guides.iter().map(|g| g.title.as_str()).collect();
    assert_eq!(titles, vec!["Alpha", "Beta"]);
    assert_eq!(
        index
            .values
            .variables()
            .iter()
            .map(|v| v.name.as_str())
            .collect::<Vec<_>>(),
        vec!["domain"]
    );
    assert!(index.offline_bytes > 3);
    let PageData::Index(missing) =
        data_of(&std::fs::read_to_string(staging.join("404.html")).expect("404"))
    else {
        panic!("the 404 page");
    };
    assert!(missing.not_found);
    let sitemap = std::fs::read_to_string(staging.join("sitemap.xml")).expect("sitemap");
    assert!(
        sitemap.contains("<loc>https://x.example/docs/beta/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn every_broken_guide_is_named_with_its_line_and_nothing_is_written() {
    let (folder, staging) = fixture(
        "broken",
        &[
            ("good.md", "# Fine\n"),
            ("bad-one.md", "---\ntitle: ok\nweight: [1\n---\n"),
            ("bad-two.md", "---\ntitle: [\n---\n"),
        ],
    );
    let errors = build(&folder, &staging, "/", None, None).expect_err("broken");
    let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(
        said.iter().any(|s| s.starts_with("bad-one.md:")),
        "{said:?}"
    );
    assert!(
        said.iter().any(|s| s.starts_with("bad-two.md:")),
        "{said:?}"
    );
    assert!(
        said.iter().all(|s| s
            .split(':')
            .nth(1)
            .is_some_and(|l| l.parse::<u32>().is_ok())),
        "{said:?}"
    );
    assert!(!staging.join("good").exists(), "nothing written");
    assert_eq!(
        std::fs::read_to_string(staging.join("index.html")).expect("read"),
        TEMPLATE
    );
}

#[test]
fn the_pre_build_check_refuses_what_the_build_refuses_before_any_page_is_staged() {
    let inputs = |folder: &Path, staging: &Path, config: Option<&Path>| Inputs {
        folder: folder.to_path_buf(),
        staging: staging.to_path_buf(),
        public_path: "/".to_owned(),
        site_url: None,
        config: config.map(Path::to_path_buf),
    };
    // Trunk runs the pre-build hook on an empty staging folder: no page yet.
    let empty = std::env::temp_dir().join(format!("prerender-check-{}", std::process::id()));
    std::fs::create_dir_all(&empty).expect("staging");

    let (folder, _) = fixture(
        "check-broken",
        &[
            ("good.md", "# Fine\n"),
            ("bad-one.md", "---\ntitle: ok\nweight: [1\n---\n"),
        ],
    );
    let said: Vec<String> = build::check(&inputs(&folder, &empty, None))
        .expect_err("a broken guide")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].starts_with("bad-one.md:"), "{said:?}");

    let site = repository_fixture("site-config");
    let file = repository_fixture("site-config-broken")
        .join("unknown-key")
        .join(config::CONFIG_FILE);
    let said: Vec<String> = build::check(&inputs(&site, &empty, Some(&file)))
        .expect_err("an unknown key")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with(&format!("{}: ", file.display())),
        "{said:?}"
    );

    let guides = std::fs::read_dir(&site)
        .expect("the fixture")
        .filter(|entry| {
            entry
                .as_ref()
                .is_ok_and(|e| e.path().join("index.md").is_file())
        })
        .count();
    assert_eq!(
        build::check(&inputs(&site, &empty, None)).expect("a good site"),
        guides
    );
    assert_eq!(
        tree(&empty),
        Vec::<String>::new(),
        "the check wrote something"
    );
}

#[test]
fn a_guide_named_like_one_of_the_app_s_files_is_refused() {
    let (folder, staging) = fixture("taken", &[("snippets.md", "# S\n")]);
    std::fs::create_dir_all(staging.join("snippets")).expect("mkdir");
    let errors = build(&folder, &staging, "/", None, None).expect_err("taken");
    let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        vec![
            "snippets.md would be published at snippets/, which is one of the app's own files: rename it"
        ]
    );
}

#[test]
fn a_template_without_its_marker_is_refused() {
    let (folder, staging) = fixture("template", &[("a.md", "# A\n")]);
    std::fs::write(
        staging.join("index.html"),
        TEMPLATE.replace("<div id=\"gp-app\"></div>", ""),
    )
    .expect("write");
    let errors = build(&folder, &staging, "/", None, None).expect_err("no marker");
    assert!(
        errors.iter().any(|e| e.to_string().contains("gp-app")),
        "{errors:?}"
    );
}

/// Every path below `dir`, relative to it, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for item in std::fs::read_dir(&folder).expect("read") {
            let path = item.expect("item").path();
            found.push(
                path.strip_prefix(dir)
                    .expect("below")
                    .to_string_lossy()
                    .into_owned(),
            );
            if path.is_dir() {
                folders.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn an_alias_onto_a_file_the_build_writes_is_refused_naming_both_and_nothing_is_written() {
    let long = "x".repeat(300);
    let guide = format!(
        "---\ntitle: A\naliases:\n  - /service-worker.js\n  - /sitemap.xml\n  - /404.html\n  - /index.html/\n  - /favicon.svg\n  - /beta/\n  - /_images/{}.png\n  - /old/{long}/\n  - /a/\n---\n![s](shot.png)\n",
        digest_of(b"png")
    );
    let (folder, staging) = fixture(
        "aliases",
        &[
            ("a.md", guide.as_str()),
            ("beta.md", "# B\n"),
            ("shot.png", "png"),
        ],
    );
    std::fs::write(staging.join("favicon.svg"), "<svg/>").expect("write");
    let before = tree(&staging);
    let errors = build(&folder, &staging, "/", None, None).expect_err("collisions");
    let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let image = format!("_images/{}.png", digest_of(b"png"));
    assert_eq!(
        said,
        vec![
            "the alias /service-worker.js of a.md (service-worker.js/index.html) collides with the service worker the build writes (service-worker.js)".to_owned(),
            "the alias /sitemap.xml of a.md (sitemap.xml/index.html) collides with the sitemap the build writes (sitemap.xml)".to_owned(),
            "the alias /404.html of a.md (404.html/index.html) collides with the 404 page the build writes (404.html)".to_owned(),
            "the alias /index.html/ of a.md (index.html/index.html) collides with the index the build writes (index.html)".to_owned(),
            "the alias /favicon.svg of a.md (favicon.svg/index.html) collides with the app's own file favicon.svg (favicon.svg)".to_owned(),
            "the alias /beta/ of a.md (beta/index.html) collides with the page of beta.md (beta/index.html)".to_owned(),
            format!("the alias /{image} of a.md ({image}/index.html) collides with the image shot.png ({image})"),
            format!("a.md: the alias /old/{long}/ has a part of 300 bytes; a part may have at most 128 (MAX_ALIAS_PART_BYTES)"),
        ]
    );
    assert_eq!(tree(&staging), before, "something was written");
}

#[test]
fn a_file_name_that_is_not_utf8_is_refused_naming_its_folder_and_bytes() {
    use std::os::unix::ffi::OsStrExt as _;
    let (folder, staging) = fixture(
        "not-utf8",
        &[("gallery/index.md", "# G\n\n![Shot](shot.png)\n")],
    );
    std::fs::write(
        folder
            .join("gallery")
            .join(std::ffi::OsStr::from_bytes(b"shot-\xff.png")),
        "png",
    )
    .expect("write");
    std::fs::write(
        folder.join(std::ffi::OsStr::from_bytes(b"\xfe.md")),
        "# X\n",
    )
    .expect("write");
    let before = tree(&staging);
    let errors = build(&folder, &staging, "/", None, None).expect_err("not UTF-8");
    let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        vec![
            "the folder of guides: holds a file whose name is not UTF-8 (its bytes: \\xfe.md), which no address can name: rename it",
            "gallery/: holds a file whose name is not UTF-8 (its bytes: shot-\\xff.png), which no address can name: rename it",
        ]
    );
    assert_eq!(tree(&staging), before, "something was written");
}

#[test]
fn an_image_shown_by_many_guides_or_copied_is_published_once() {
    let mut files: Vec<(String, String)> = vec![
        ("shared/logo.png".to_owned(), "logo".to_owned()),
        ("shared/other.png".to_owned(), "other".to_owned()),
    ];
    for i in 0..5 {
        files.push((
            format!("g{i}/index.md"),
            format!(
                "# G{i}\n\n![L](../shared/logo.png) ![O](../shared/other.png) ![C](copy.png)\n"
            ),
        ));
        // Each guide's own copy of the logo: the same bytes.
        files.push((format!("g{i}/copy.png"), "logo".to_owned()));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let (folder, staging) = fixture("shared-images", &borrowed);
    let summary = build(&folder, &staging, "/", None, None).expect("builds");
    let logo = format!("_images/{}.png", digest_of(b"logo"));
    let other = format!("_images/{}.png", digest_of(b"other"));
    let mut both = vec![logo.clone(), other.clone()];
    both.sort();
    assert_eq!(summary.images, both);
    let published: Vec<String> = tree(&staging)
        .into_iter()
        .filter(|p| p.starts_with("_images/"))
        .collect();
    assert_eq!(published, both);
    let page = std::fs::read_to_string(staging.join("g3/index.html")).expect("page");
    assert_eq!(
        page.matches(&format!("src=\"{logo}\"")).count(),
        2,
        "{page}"
    );
    let PageData::Index(index) =
        data_of(&std::fs::read_to_string(staging.join("index.html")).expect("index"))
    else {
        panic!("the index");
    };
    let pages: u64 = (0..5)
        .map(|i| {
            std::fs::metadata(staging.join(format!("g{i}/index.html")))
                .expect("page")
                .len()
        })
        .sum();
    // "logo" and "other": 9 bytes of images, once.
    assert_eq!(index.offline_bytes, pages + 9);
}

#[test]
fn the_service_worker_lists_every_file_the_build_wrote_its_version_digests_them_and_the_policy_hashes_its_scripts()
 {
    let (folder, staging) = fixture(
        "worker",
        &[
            (
                "a.md",
                "---\ntitle: A\naliases:\n  - /old/\n---\n![s](it$'s.png)\n",
            ),
            ("it$'s.png", "png"),
        ],
    );
    std::fs::create_dir_all(staging.join("snippets")).expect("mkdir");
    std::fs::write(staging.join("snippets/x.js"), "x").expect("write");
    let template = TEMPLATE.replace("</head>", "<script>start()</script></head>");
    std::fs::write(staging.join("index.html"), template).expect("write");
    let summary = build(&folder, &staging, "/", None, None).expect("builds");
    let worker = std::fs::read_to_string(staging.join("service-worker.js")).expect("worker");
    let line = worker
        .split('\n')
        .find_map(|l| l.strip_prefix("const BUILD = "))
        .and_then(|l| l.strip_suffix(';'))
        .expect("the worker's data");
    let data: serde_json::Value = serde_json::from_str(line).expect("JSON");
    let listed = |key: &str| -> Vec<String> {
        data[key]
            .as_array()
            .expect("a list")
            .iter()
            .map(|v| v.as_str().expect("a name").to_owned())
            .collect()
    };
    assert_eq!(listed("guides"), summary.lists.guides);
    assert_eq!(listed("shared"), summary.lists.shared);
    let image = format!("_images/{}.png", digest_of(b"png"));
    assert_eq!(listed("guides"), vec![image, "a/index.html".to_owned()]);
    let mut all: Vec<String> = listed("shared")
        .into_iter()
        .chain(listed("guides"))
        .chain(["old/index.html".to_owned(), "service-worker.js".to_owned()])
        .collect();
    all.sort();
    let written: Vec<String> = tree(&staging)
        .into_iter()
        .filter(|path| staging.join(path).is_file())
        .collect();
    assert_eq!(all, written);
    // The version is the digest of the files as written: each one's name, then its bytes,
    // in order (ASCII names here, so the build's JavaScript order is the byte order), all
    // but the service worker itself. Computed here from the disk, not by the build's code.
    let mut hash = <sha2::Sha256 as sha2::Digest>::new();
    for path in written.iter().filter(|p| p.as_str() != "service-worker.js") {
        sha2::Digest::update(&mut hash, path.as_bytes());
        sha2::Digest::update(
            &mut hash,
            std::fs::read(staging.join(path)).expect("a file"),
        );
    }
    let digest: String = sha2::Digest::finalize(hash)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    assert_eq!(
        data["version"].as_str(),
        digest.get(..16),
        "the version is not the digest of the files written"
    );
    let index = std::fs::read_to_string(staging.join("index.html")).expect("index");
    assert!(
        index.contains(&format!(
            "script-src 'self' {}",
            build::policy::source_hash("start()")
        )),
        "{index}"
    );
    assert_eq!(summary.inline_scripts, 1);
}

#[test]
fn images_past_max_site_bytes_are_refused_before_they_are_read() {
    let mut body = String::from("# Big\n\n");
    let count = site::MAX_SITE_BYTES / MAX_IMAGE_BYTES + 1;
    for i in 0..count {
        body.push_str(&format!("![{i}](big-{i}.png)\n\n"));
    }
    let (folder, staging) = fixture("too-large", &[("big/index.md", body.as_str())]);
    for i in 0..count {
        // Sparse: nothing is read before the bound is checked.
        std::fs::File::create(folder.join(format!("big/big-{i}.png")))
            .and_then(|f| f.set_len(MAX_IMAGE_BYTES))
            .expect("sparse image");
    }
    let before = tree(&staging);
    let errors = build(&folder, &staging, "/", None, None).expect_err("too large");
    let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        vec![format!(
            "the {count} images the guides show would be {} bytes; a site may hold at most {} bytes (MAX_SITE_BYTES)",
            count * MAX_IMAGE_BYTES,
            site::MAX_SITE_BYTES
        )]
    );
    assert_eq!(tree(&staging), before, "something was written");
}

#[test]
fn a_file_the_page_names_by_an_integrity_its_bytes_do_not_give_fails_the_build_naming_it() {
    let wasm = b"\0asm\x01\0\0\0";
    let right = build::page::integrity(wasm);
    // What Trunk 0.21.14 once wrote: the digest of an empty file.
    let empty = build::page::integrity(b"");
    let staged = |name: &str, public: &str, named: &str, file: bool| {
        let (folder, staging) = fixture(name, &[("a.md", "# A\n")]);
        let preload = format!(
            "<link rel=\"preload\" href=\"{public}guide-playground-0a_bg.wasm\" integrity=\"{named}\">"
        );
        let page = TEMPLATE.replace(
            "<link rel=\"preload\" href=\"/guide-playground-0a_bg.wasm\">",
            &preload,
        );
        std::fs::write(staging.join("index.html"), page).expect("write");
        if file {
            std::fs::write(staging.join("guide-playground-0a_bg.wasm"), wasm).expect("write");
        }
        (folder, staging)
    };
    for (name, public) in [
        ("integrity-root", "/"),
        ("integrity-sub", "/docs/playground/"),
    ] {
        let (folder, staging) = staged(name, public, &empty, true);
        let errors = build(&folder, &staging, public, None, None).expect_err("a wrong digest");
        let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            [format!(
                "the staged page (index.html) names guide-playground-0a_bg.wasm by the integrity {empty}, but the file staged holds {right}: it changed after Trunk hashed it; build again"
            )]
        );
        assert!(
            !staging.join("a/index.html").exists(),
            "{public}: a page was written"
        );

        let (folder, staging) = staged(name, public, &right, true);
        build(&folder, &staging, public, None, None).expect("the right digest builds");
        assert!(staging.join("a/index.html").is_file(), "{public}");
    }
    // A file named by its integrity that Trunk did not stage.
    let (folder, staging) = staged("integrity-missing", "/", &right, false);
    let errors = build(&folder, &staging, "/", None, None).expect_err("no such file");
    assert_eq!(
        errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "the staged page (index.html) names /guide-playground-0a_bg.wasm by its integrity, and Trunk staged no such file"
        ]
    );
}

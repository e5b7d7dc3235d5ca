//! The guide engine: Authelia-style Hugo markdown in, a document with live variable nodes out.

//! What several test modules share: the measurement that tells a linear stage from a
//! quadratic one (`linear`).

pub mod linear;

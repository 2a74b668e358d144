//! Deterministic demo data: a user, an org, meetings and webinars from a seed.

pub mod seed;
pub mod topics;

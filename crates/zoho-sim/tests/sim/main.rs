//! Integration tests of the simulator over real HTTP on loopback: one test binary with a
//! module per area, so the crate is linked once.

mod admin;
mod binary;
mod common;
mod consent;
mod data;
mod device;
mod faults;
mod log;
mod meetings;
mod revoke;
mod token;
mod webinars;

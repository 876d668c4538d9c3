//! The integration tests: the real `respond` binary run on small projects, with its exact
//! output and exit status compared to expected files (`SNAPSHOTS=overwrite` blesses them).

mod calendar;
mod check;
mod cli;
mod colour;
mod faults;
mod filesystem;
mod gate;
mod manual;
mod new;
mod out_folder;
#[cfg(feature = "pdf")]
mod pdf;
mod publish;
mod recommendations;
mod regressions;
mod render;
mod schema;
mod serve;
mod site;
mod support;
mod validate;
#[cfg(not(feature = "pdf"))]
mod without_pdf;
mod words;

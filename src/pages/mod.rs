//! One file per screen.

mod about;
mod area;
mod home;

pub use about::AboutPage;
pub use area::AreaPage;
pub use home::HomePage;

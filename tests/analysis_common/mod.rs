pub mod genius;

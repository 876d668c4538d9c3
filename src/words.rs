//! Closed lists of words: an enum whose every variant is written in the files and on the
//! command line as one word (`peel`, `in-progress`, `unknown-field`). [`words!`] declares the
//! enum and its words once, and gives it the rest: the list of its variants and of its words,
//! the word of a variant and the variant of a word, and serde's form (the word), so that no
//! second list can drift from the first.

/// Declares an enum of words. Each variant is written `Variant = "word",` under its `///`
/// documentation; the enum gets:
///
/// - `ALL`, every variant, and `WORDS`, their words, both in the order declared;
/// - `word()` and `from_word()`, each the other's inverse;
/// - `doc()`, the variant's documentation on one line (a command line's help for it);
/// - `Serialize` and `Deserialize` as its word.
macro_rules! words {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[doc = $doc:literal])* $variant:ident = $word:literal, )*
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl $name {
            /// Every variant, in the order declared.
            pub const ALL: [Self; <[&str]>::len(&[$($word),*])] = [$(Self::$variant),*];

            /// Every variant's word, in the order declared.
            pub const WORDS: [&'static str; <[&str]>::len(&[$($word),*])] = [$($word),*];

            /// The variant's word, as the files and the command line write it.
            pub fn word(self) -> &'static str {
                match self {
                    $(Self::$variant => $word,)*
                }
            }

            /// The variant whose word is `word`.
            pub fn from_word(word: &str) -> Option<Self> {
                match word {
                    $($word => Some(Self::$variant),)*
                    _ => None,
                }
            }

            /// The variant's documentation, on one line.
            pub fn doc(self) -> &'static str {
                match self {
                    $(Self::$variant => concat!($($doc),*).trim_ascii(),)*
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.word())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let word = String::deserialize(deserializer)?;
                Self::from_word(&word)
                    .ok_or_else(|| serde::de::Error::unknown_variant(&word, &Self::WORDS))
            }
        }
    };
}

pub(crate) use words;

//! The one place a [`Scope`] becomes SQL.
//!
//! Every read that returns a Member administration's rows filters them
//! with [`ScopeFilter`], so "which administrations may this caller read"
//! is written once for both engines: all of them (no condition), a set
//! (`column in ($n, …)`, one bind per code) or none (`1 = 0`, so the query
//! still runs and simply finds nothing).

use gedhub_core::Scope;
use sqlx::Any;
use sqlx::any::AnyArguments;
use sqlx::query::Query;

/// A scope rendered as a condition on one column, with its bind values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScopeFilter {
    /// A boolean SQL expression, safe to put after `where` or `and`.
    pub condition: String,
    /// The administration codes, bound in order to `$first …`.
    codes: Vec<String>,
}

impl ScopeFilter {
    /// `scope` as a condition on `column` (an administration code column,
    /// e.g. `p.administration_code`), numbering its placeholders from
    /// `$first` so it can follow a query's other parameters.
    pub fn new(scope: &Scope, column: &str, first: usize) -> Self {
        match scope {
            Scope::All => Self {
                condition: "1 = 1".to_owned(),
                codes: Vec::new(),
            },
            Scope::Nothing => Self {
                condition: "1 = 0".to_owned(),
                codes: Vec::new(),
            },
            Scope::Set(codes) if codes.is_empty() => Self::new(&Scope::Nothing, column, first),
            Scope::Set(codes) => {
                let placeholders: Vec<String> = (first..first + codes.len())
                    .map(|n| format!("${n}"))
                    .collect();
                Self {
                    condition: format!("{column} in ({})", placeholders.join(", ")),
                    codes: codes.iter().map(|code| code.as_str().to_owned()).collect(),
                }
            }
        }
    }

    /// Binds the codes to `query`, after the parameters before `$first`.
    pub fn bind<'q>(
        &self,
        mut query: Query<'q, Any, AnyArguments>,
    ) -> Query<'q, Any, AnyArguments> {
        for code in &self.codes {
            query = query.bind(code.clone());
        }
        query
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gedhub_core::AdministrationCode;

    fn code(raw: &str) -> AdministrationCode {
        AdministrationCode::parse(raw).expect("valid code")
    }

    #[test]
    fn every_scope_renders_as_a_condition_with_its_binds() {
        let all = ScopeFilter::new(&Scope::All, "a.administration_code", 1);
        assert_eq!((all.condition.as_str(), all.codes.len()), ("1 = 1", 0));

        let none = ScopeFilter::new(&Scope::Nothing, "a.administration_code", 1);
        assert_eq!((none.condition.as_str(), none.codes.len()), ("1 = 0", 0));

        let region = ScopeFilter::new(
            &Scope::of([code("SN"), code("BJ")]),
            "administration_code",
            3,
        );
        assert_eq!(region.condition, "administration_code in ($3, $4)");
        assert_eq!(region.codes, ["BJ", "SN"]);

        let empty = ScopeFilter::new(&Scope::Set(Default::default()), "administration_code", 1);
        assert_eq!(empty.condition, "1 = 0");
    }
}

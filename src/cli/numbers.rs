//! The value parser of every numeric flag. Each such flag also sets
//! `allow_negative_numbers`, so that clap hands "-5" to the parser, which says what is
//! wrong with it, instead of taking it for an unknown flag.

/// A whole number, 0 or more, that fits `T`.
///
/// # Errors
/// A negative number, anything else that is not a whole number, or one too large.
pub fn whole<T: TryFrom<u64>>(s: &str) -> Result<T, String> {
    let t = s.trim();
    let negative = t.strip_prefix('-').is_some_and(|d| {
        d.chars().any(|c| c.is_ascii_digit()) && d.chars().all(|c| c.is_ascii_digit() || c == '.')
    });
    if negative {
        return Err("must not be negative: give a whole number, 0 or more".to_owned());
    }
    let n: u64 = t
        .parse()
        .map_err(|_| format!("expected a whole number, not {s:?}"))?;
    T::try_from(n).map_err(|_| format!("{n} is too large"))
}

#[cfg(test)]
mod tests {
    use std::any::TypeId;

    use clap::{CommandFactory, Parser};

    use super::*;

    #[test]
    fn refuses_negatives_by_name() {
        assert_eq!(whole::<u32>("12"), Ok(12));
        assert_eq!(whole::<u64>(" 0 "), Ok(0));
        for bad in ["-5", "-0", "-2.5"] {
            assert!(whole::<u32>(bad).unwrap_err().contains("negative"), "{bad}");
        }
        assert_eq!(
            whole::<u32>("five"),
            Err("expected a whole number, not \"five\"".to_owned())
        );
        assert_eq!(whole::<u16>("70000"), Err("70000 is too large".to_owned()));
    }

    /// Every subcommand, depth first, with the words that call it.
    fn commands(cmd: &clap::Command, path: &[String], out: &mut Vec<(Vec<String>, clap::Command)>) {
        out.push((path.to_vec(), cmd.clone()));
        for sub in cmd.get_subcommands() {
            let mut p = path.to_vec();
            p.push(sub.get_name().to_owned());
            commands(sub, &p, out);
        }
    }

    /// `--licenses -5` was "unexpected argument '-5' found": every flag that takes a
    /// number, today's and tomorrow's, must name the negative number instead.
    #[test]
    fn every_numeric_flag_says_negative() {
        let numeric = [
            TypeId::of::<u16>(),
            TypeId::of::<u32>(),
            TypeId::of::<u64>(),
            TypeId::of::<usize>(),
            TypeId::of::<i32>(),
            TypeId::of::<i64>(),
        ];
        let mut all = Vec::new();
        commands(&crate::cli::Cli::command(), &[], &mut all);
        let mut seen = 0;
        for (path, cmd) in &all {
            for arg in cmd.get_arguments() {
                let Some(long) = arg.get_long() else { continue };
                let ty = arg.get_value_parser().type_id();
                if !numeric.iter().any(|t| ty == *t) {
                    continue;
                }
                seen += 1;
                let mut argv = vec!["lms".to_owned()];
                argv.extend(path.iter().cloned());
                argv.extend([format!("--{long}"), "-5".to_owned()]);
                let err = crate::cli::Cli::try_parse_from(&argv)
                    .map(|_| ())
                    .unwrap_err()
                    .to_string();
                assert!(err.contains("must not be negative"), "{argv:?}: {err}");
            }
        }
        // demo's ten sizes, report utilization's two, report timeline's width.
        assert!(seen >= 13, "only {seen} numeric flags found");
    }
}

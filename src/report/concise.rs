use std::io::{self, Write};

use crate::engine::FileReport;

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for report in reports {
        for finding in &report.findings {
            let at = report.source.position(finding.span.start);
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                report.source.name(),
                at.line,
                at.column,
                finding.severity,
                finding.rule,
                finding.message
            )?;
        }
    }
    Ok(())
}

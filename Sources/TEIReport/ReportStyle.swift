/// The style sheet embedded in HTML reports: readable prose, compact tables, no external assets.
enum ReportStyle {
    static let css = """
    :root { color-scheme: light; }
    body { margin: 0; background: #fafafa; color: #1f2328; font: 16px/1.55 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
    main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; background: #fff; }
    h1 { font-size: 1.6rem; margin: 0 0 1rem; }
    h2 { font-size: 1.2rem; margin: 2rem 0 0.75rem; border-bottom: 1px solid #ddd; padding-bottom: 0.25rem; }
    code, pre { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: 0.875rem; }
    p code { background: #f3f4f6; padding: 0.1em 0.3em; border-radius: 3px; }
    pre { margin: 0.5rem 0; padding: 0.75rem 1rem; overflow-x: auto; border-radius: 6px; line-height: 1.35; }
    pre.code { background: #f3f4f6; border-left: 4px solid #4c6ef5; }
    pre.sql, pre.chart { background: #fff; border: 1px solid #e5e7eb; }
    pre.diagnostic { background: #fff5f5; border-left: 4px solid #e03131; white-space: pre-wrap; }
    pre.diagnostic.warning { background: #fff9db; border-left-color: #f08c00; }
    dl.provenance { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
    dl.provenance dt { font-weight: 600; }
    dl.provenance dd { margin: 0; }
    .outcome-failed { color: #c92a2a; font-weight: 600; }
    .table { overflow-x: auto; margin: 0.5rem 0 0; }
    table { border-collapse: collapse; font-size: 0.875rem; }
    th, td { border: 1px solid #e5e7eb; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
    th { background: #f8f9fa; }
    tbody tr:nth-child(even) { background: #fbfbfc; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    p.rows { margin: 0.25rem 0 0; font-size: 0.8rem; color: #6b7280; }
    section.cell { margin: 1.5rem 0; }
    section.cell.not-run pre.code { opacity: 0.55; }
    .status { font-size: 0.85rem; color: #6b7280; font-style: italic; }
    figure { margin: 0.5rem 0; }
    figure svg { max-width: 100%; height: auto; }
    figcaption { font-size: 0.8rem; color: #6b7280; }
    """
}

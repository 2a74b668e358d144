//! axe-core (the UI's npm dev dependency) in the real webview: injected over WebDriver,
//! which runs it as the test's script rather than page script, so the CSP stays strict.

use serde_json::Value;

use super::App;

/// The WCAG 2.1 A and AA rule sets.
const TAGS: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']";

fn source() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error} (run `npm install` in ui/)", path.display()))
}

/// Runs the WCAG 2.1 A/AA rules (the experimental ones with those tags too) on the current
/// page of `app`; returns the violations, one readable line per node.
pub async fn violations(app: &App) -> Vec<String> {
    let loaded = app
        .js("return typeof window.axe === 'object';", vec![])
        .await;
    if loaded != Value::Bool(true) {
        app.js(&format!("{}\nreturn true;", source()), vec![]).await;
    }
    let script = format!(
        "const done = arguments[arguments.length - 1];
         const tags = {TAGS};
         // Experimental rules (label-content-name-mismatch, say) are off unless asked for.
         const rules = {{}};
         for (const rule of axe.getRules(tags)) {{
           if (rule.tags.includes('experimental')) rules[rule.ruleId] = {{ enabled: true }};
         }}
         axe.run(document, {{ runOnly: {{ type: 'tag', values: tags }}, rules, resultTypes: ['violations'] }})
           .then((result) => done(result.violations.flatMap((v) => v.nodes.map((n) =>
              `${{v.id}} (${{v.impact}}): ${{v.help}} at ${{n.target.join(' ')}}: ${{(n.failureSummary || '').replace(/\\s+/g, ' ')}} | ${{n.html.slice(0, 160)}}`))),
                 (error) => done([`axe failed: ${{error}}`]));"
    );
    let found = app.js_async(&script, vec![]).await;
    serde_json::from_value(found).expect("a list of violations")
}

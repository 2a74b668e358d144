//! The HTML a person sees: the consent page with Accept and Deny, and the error page Zoho
//! shows instead of redirecting when the request itself is bad.

/// The form posts `consent_id` and `decision` (`accept` or `deny`) to
/// `/oauth/v2/auth/consent`; `browser::accept` relies on these names.
pub fn consent(consent_id: &str, client_name: &str, scopes: &[String], user_email: &str) -> String {
    let scope_items: String = scopes
        .iter()
        .map(|scope| format!("<li><code>{}</code></li>", escape(scope)))
        .collect();
    format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Zoho Accounts (simulator) - Consent</title>
<style>body{{font-family:sans-serif;max-width:32rem;margin:3rem auto}}button{{padding:.5rem 1.5rem;margin-right:1rem}}</style>
</head><body>
<h1>{client} would like to access your Zoho account</h1>
<p>Signed in as <strong>{email}</strong></p>
<p>It asks for:</p><ul>{scope_items}</ul>
<form method="post" action="/oauth/v2/auth/consent">
<input type="hidden" name="consent_id" value="{id}">
<button type="submit" name="decision" value="accept" id="accept">Accept</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</form>
</body></html>
"#,
        client = escape(client_name),
        email = escape(user_email),
        id = escape(consent_id),
    )
}

pub fn error(title: &str, detail: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><h1>{title}</h1><p>{detail}</p></body></html>\n",
        title = escape(title),
        detail = escape(detail),
    )
}

pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

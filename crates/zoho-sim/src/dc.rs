//! The real Zoho domain names per data centre. The simulator serves every host on loopback,
//! but bodies that name a host the client never calls (`api_domain`, join links) carry the
//! real-looking name, as Zoho's would.

/// Meeting domain of a DC (API.md §1.11; UK is a GAP there, `meeting.zoho.uk` is assumed).
pub fn meeting_domain(dc: &str) -> &'static str {
    match dc {
        "eu" => "meeting.zoho.eu",
        "in" => "meeting.zoho.in",
        "au" => "meeting.zoho.com.au",
        "jp" => "meeting.zoho.jp",
        "ca" => "meeting.zohocloud.ca",
        "sa" => "meeting.zoho.sa",
        "uk" => "meeting.zoho.uk",
        "cn" => "meeting.zoho.com.cn",
        _ => "meeting.zoho.com",
    }
}

/// `api_domain` of a token response for a DC.
pub fn api_domain(dc: &str) -> &'static str {
    match dc {
        "eu" => "https://www.zohoapis.eu",
        "in" => "https://www.zohoapis.in",
        "au" => "https://www.zohoapis.com.au",
        "jp" => "https://www.zohoapis.jp",
        "ca" => "https://www.zohoapis.ca",
        "sa" => "https://www.zohoapis.sa",
        "uk" => "https://www.zohoapis.uk",
        "cn" => "https://www.zohoapis.com.cn",
        _ => "https://www.zohoapis.com",
    }
}

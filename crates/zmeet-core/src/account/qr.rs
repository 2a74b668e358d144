//! The QR code of the device flow's verification URL, drawn here (never fetched): an SVG
//! the UI shows as an image, so nothing in it can run.

use qrcode::QrCode;
use qrcode::render::svg;

/// An SVG document encoding `text`, or `None` when it is too long for a QR code.
pub fn svg_of(text: &str) -> Option<String> {
    let code = QrCode::new(text.as_bytes())
        .inspect_err(|error| tracing::warn!("no QR code for the verification URL: {error}"))
        .ok()?;
    Some(
        code.render::<svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn draws_an_svg_with_no_script_and_refuses_what_does_not_fit() {
        let svg = super::svg_of("https://accounts.zoho.com/oauth/v3/device").unwrap();
        assert!(svg.contains("<svg") && svg.contains("<path"));
        assert!(!svg.contains("<script"));
        assert!(super::svg_of(&"x".repeat(10_000)).is_none());
    }
}

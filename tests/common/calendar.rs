//! The calendar's DOM as the tests see it: our own toolbar and month grid, FullCalendar's
//! week, day and agenda views (see `ui/src/calendar`). One place for its selectors, so a
//! change of the DOM is one change here.

use super::App;

/// Any event element of any view (month grid buttons, FullCalendar's events and agenda rows).
pub const EVENT: &str = "#calendar [data-key]";
/// An event element of the month grid.
pub const MONTH_EVENT: &str = "#calendar .month-view [data-key]";
/// The toolbar's title: "November 2026" in the month view, FullCalendar's title otherwise.
pub const TITLE: &str = "#calendar-title";
pub const PREV: &str = "#calendar-prev";
pub const NEXT: &str = "#calendar-next";
pub const TODAY: &str = "#calendar-today";

/// The element(s) of the event with `key`, in any view.
pub fn event(key: &str) -> String {
    format!("#calendar [data-key='{key}']")
}

/// A JS function (`shown(css)`) for scripts: the first element matching `css` that is
/// displayed. A view that is not active keeps its elements in a hidden container, so the
/// first match in the document may not be the one the user sees.
pub const SHOWN_JS: &str = "const shown = (css) => [...document.querySelectorAll(css)].find((el) => el.getClientRects().length > 0) ?? null;\n";

/// What shows that `view` ("month", "week", "day" or "agenda") is on screen: its own
/// content, displayed.
fn content_of(view: &str) -> &'static str {
    match view {
        "month" => "#calendar .month-view .month-day[data-date]",
        "week" => "#calendar .fc-timeGridWeek-view td.fc-timegrid-col[data-date]",
        "day" => "#calendar .fc-timeGridDay-view td.fc-timegrid-col[data-date]",
        "agenda" => "#calendar .fc-listMonth-view",
        other => panic!("no calendar view {other:?}"),
    }
}

/// Waits until `view` is the active view: `#calendar` says so, its toolbar button is pressed,
/// its content is displayed and the other views' container is hidden.
pub async fn wait_view(app: &App, view: &str) {
    app.wait_for(&format!("#calendar[data-view='{view}']"))
        .await;
    app.wait_for(&format!("#view-{view}[aria-pressed='true']"))
        .await;
    app.wait_displayed(content_of(view)).await;
    if view == "month" {
        app.wait_hidden("#calendar .calendar-host").await;
    } else {
        app.wait_hidden("#calendar .month-view").await;
    }
}

/// Switches to `view` with its toolbar button and waits until it is shown.
pub async fn show_view(app: &App, view: &str) {
    app.click(&format!("#view-{view}")).await;
    wait_view(app, view).await;
}

/// Clicks "Today" unless the view already shows today (the button is then disabled), and
/// waits until it is (today is in view).
pub async fn go_to_today(app: &App) {
    let button = app.wait_for(TODAY).await;
    if button.is_enabled().await.unwrap_or(false) {
        app.click(TODAY).await;
    }
    super::wait_until(
        "Today to be disabled (today in view)",
        super::UI_TIMEOUT,
        async || match app.wait_for(TODAY).await.is_enabled().await {
            Ok(false) => Ok(()),
            other => Err(format!("enabled: {other:?}")),
        },
    )
    .await
}

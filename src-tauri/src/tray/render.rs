//! Turns the menu model into the tray's native menu.

use tauri::menu::{IsMenuItem, Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Wry};

use super::menu_model::MenuEntry;

pub fn render(app: &AppHandle, entries: &[MenuEntry]) -> tauri::Result<Menu<Wry>> {
    let menu = Menu::new(app)?;
    for (index, entry) in entries.iter().enumerate() {
        let built = build(app, entry, &index.to_string())?;
        menu.append(built.as_ref())?;
    }
    Ok(menu)
}

fn build(
    app: &AppHandle,
    entry: &MenuEntry,
    position: &str,
) -> tauri::Result<Box<dyn IsMenuItem<Wry>>> {
    Ok(match entry {
        MenuEntry::Item {
            action,
            label,
            enabled,
        } => Box::new(MenuItem::with_id(
            app,
            action.to_string(),
            label,
            *enabled,
            None::<&str>,
        )?),
        // Notes get ids no action parses, so clicking one does nothing.
        MenuEntry::Note(label) => Box::new(MenuItem::with_id(
            app,
            format!("note-{position}"),
            label,
            false,
            None::<&str>,
        )?),
        MenuEntry::Separator => Box::new(PredefinedMenuItem::separator(app)?),
        MenuEntry::Submenu { label, items } => {
            let submenu = Submenu::new(app, label, true)?;
            for (index, item) in items.iter().enumerate() {
                let built = build(app, item, &format!("{position}.{index}"))?;
                submenu.append(built.as_ref())?;
            }
            Box::new(submenu)
        }
    })
}

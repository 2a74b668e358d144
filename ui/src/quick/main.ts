// The quick-create window (tray "Schedule…"); filled in by the tray work.
document.body.dataset.ready = "true";

//! How WebKitGTK paints the window's page when no GPU is there.
//!
//! WebKitGTK (2.46 and later) paints page tiles with Skia on the GPU through OpenGL. Without a
//! GPU (no DRM render node: a virtual machine, Xvfb, a remote desktop) Mesa's llvmpipe runs
//! that OpenGL on the CPU, and Skia's GPU caches (glyph atlases, paths, textures) then live in
//! the web process's anonymous memory: about 23 MiB more with the calendar open than Skia's
//! own CPU painter (bench/RESULTS.md, "Window open"). The page stays composited either way, so
//! WebKitWebDriver's screenshots and repaints behave as before; only the tiles' painter changes.
//! With a GPU, WebKit's default (GPU painting) is kept.

use std::path::Path;

/// WebKitGTK's switch to Skia's CPU painter.
pub const CPU_PAINTING_ENV: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";
/// Mesa's switch to its software renderer even when a GPU is there.
const SOFTWARE_GL_ENV: &str = "LIBGL_ALWAYS_SOFTWARE";
/// Where the kernel lists GPU devices; a render node is `renderD<N>`.
pub const DRI_DIR: &str = "/dev/dri";

/// What decides the painter, read from the system by [`Machine::read`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Machine {
    /// The user (or the desktop) already chose a painter: theirs is kept.
    pub painter_chosen: bool,
    /// A DRM render node exists, so OpenGL can run on a GPU.
    pub has_render_node: bool,
    /// Mesa is told to use its software renderer anyway.
    pub software_gl_forced: bool,
}

impl Machine {
    /// Reads this machine's environment and `/dev/dri`.
    pub fn read() -> Self {
        let software_gl_forced = std::env::var(SOFTWARE_GL_ENV)
            .map(|value| !value.is_empty() && value != "0" && value != "false")
            .unwrap_or(false);
        Self {
            painter_chosen: std::env::var_os(CPU_PAINTING_ENV).is_some(),
            has_render_node: has_render_node(Path::new(DRI_DIR)),
            software_gl_forced,
        }
    }

    /// Whether to ask WebKit for Skia's CPU painter: only when OpenGL would run on the CPU
    /// anyway and nobody chose otherwise.
    pub fn paint_with_cpu(self) -> bool {
        !self.painter_chosen && (!self.has_render_node || self.software_gl_forced)
    }
}

/// Whether `dri` lists a render node (`renderD128`, ...).
pub fn has_render_node(dri: &Path) -> bool {
    match std::fs::read_dir(dri) {
        Ok(entries) => entries
            .flatten()
            .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD")),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn machine(painter_chosen: bool, has_render_node: bool, software_gl_forced: bool) -> Machine {
        Machine {
            painter_chosen,
            has_render_node,
            software_gl_forced,
        }
    }

    #[test]
    fn cpu_painting_only_without_a_gpu_and_without_a_choice() {
        assert!(machine(false, false, false).paint_with_cpu());
        assert!(machine(false, true, true).paint_with_cpu());
        assert!(!machine(false, true, false).paint_with_cpu());
        assert!(!machine(true, false, false).paint_with_cpu());
        assert!(!machine(true, true, true).paint_with_cpu());
    }

    #[test]
    fn a_render_node_is_found_among_other_devices() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("card0"), "").unwrap();
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("renderD128"), "").unwrap();
        assert!(has_render_node(dir.path()));
        assert!(!has_render_node(&dir.path().join("missing")));
    }
}

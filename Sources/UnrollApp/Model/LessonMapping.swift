import Foundation
import UnrollEngine
import UnrollLab
import UnrollLessons

/// Maps a lesson's front matter, a page's `set:` and compare variants to experiment settings
/// (a thin layer over UnrollLab's `ExperimentSettings(lesson:page:)`).
public enum LessonMapping {
    /// The settings for one page: the lesson's, with the page's `set:` applied (pages don't inherit).
    public static func settings(for lesson: Lesson, page: Int) -> ExperimentSettings {
        ExperimentSettings(lesson: lesson, page: page)
    }

    /// Settings for one compare variant: the current settings with the variant's changes.
    public static func settings(for variant: CompareVariant, base: ExperimentSettings) -> ExperimentSettings {
        var s = base
        s.apply(override: variant.override)
        return s
    }
}

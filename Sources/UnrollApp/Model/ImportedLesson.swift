import Foundation
import UnrollEngine
import UnrollLab
import UnrollLessons

/// A model from a file (`unroll open --model`), shown as a one-page lesson of its own: the page
/// says what the file holds and what the screen can do with it.
public enum ImportedLesson {
    /// The lesson that describes an imported run.
    static func lesson(_ run: ImportedRun, model: String, input: String, target: String?) -> Lesson {
        let name = (model as NSString).lastPathComponent
        let c = run.model.config
        var body = """
        **\(run.source.summary)**, read from `\(name)`, on the \(run.example.length)-step sequence of `\((input as NSString).lastPathComponent)`.

        Everything the lessons show works here: ← → move through time and the inspector prints every number; space and b play the forward and backward passes; the rows show h_t\(c.cell == .lstm ? ", c_t" : ""), every gate and ‖dL/dh_t‖. The weights are the file's: a (tanh ↔ ReLU) and [ ] (W_hh's spectral radius) change them in place; m, i and s draw new weights, and r brings back the file's. c compares the model with the other cells on the same sequence.
        """
        if run.hasTarget {
            body += "\n\nWith the targets of `\((target.map { ($0 as NSString).lastPathComponent }) ?? "")`, t trains on this one sequence (Adam, lr 0.01, 500 updates) and w writes the weights back as a PyTorch state_dict next to the file."
        } else {
            body += "\n\nNo target was given (--target Y.csv), so no step is scored: the loss and every gradient are undefined and their rows stay empty. Give a target to see them, and to train with t."
        }
        var spec = ModelSpec(cell: c.cell)
        spec.hidden = c.hiddenSize
        spec.layers = c.layers
        let page = LessonPage(title: name, body: body, focus: [.hidden, .gradient], tryKeys: [.left, .right, .space, .b, .t, .c],
                              line: 1)
        return Lesson(id: "your-model", number: nil, title: "Your model: \(name)", summary: "", path: model, model: spec,
                      task: TaskSpec(name: "imported"), training: TrainingSpec(), compare: [], pages: [page])
    }
}

extension AppState {
    /// The screen on a model from a file and its sequence.
    public init(imported run: ImportedRun, model: String, input: String, target: String?, width: Int = 80, height: Int = 24) {
        let lesson = ImportedLesson.lesson(run, model: model, input: input, target: target)
        var scene = Scene(panels: [Panel(imported: run, label: (model as NSString).lastPathComponent)])
        scene.selected = 0
        self.lessons = [lesson]
        self.lessonIndex = 0
        self.page = 0
        self.dataDirectory = nil
        self.scene = scene
        self.width = max(0, width)
        self.height = max(0, height)
        self.fixedScenes = [0: scene]
        self.importedModels = [0: run.source]
        self = Update.settle(Update.openPage(self, lesson: 0, page: 0))
    }
}

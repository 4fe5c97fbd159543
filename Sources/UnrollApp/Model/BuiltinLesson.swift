import UnrollEngine
import UnrollLessons

/// A small lesson compiled into the app: the app tests' fixture, and what `AppState` opens when it
/// is handed no lessons at all. The program's commands never fall back to it: without lessons
/// they stop with an error (the curriculum itself ships inside the program, see UnrollCurriculum).
public enum BuiltinLesson {
    /// The lesson's source text (the lesson format of `lessons/README.md`).
    public static let text = """
    ---
    id: builtin
    title: Watching a gradient vanish
    summary: A tanh RNN on the adding problem, and what happens to ‖dL/dh_t‖ as it travels back.
    model:
      cell: rnn
      activation: tanh
      hidden: 16
      radius: 0.9
      seed: 7
    task:
      name: adding
      length: 40
    training:
      optimizer: adam
      lr: 0.001
      steps: 2000
      clip: 1.0
    ---

    ## The gradient fades

    The loss is scored at the **last** step only. Its gradient must travel back through every
    step to reach the two marked inputs (`*`). Watch the bars ‖dL/dh_t‖ shrink to the left.

    Press `b` to play the backward pass, `←`/`→` to move the cursor.

    focus: gradient, hidden
    keys: b ← →
    cursor: last

    ## Turn up the radius

    Press `]` a few times: W_hh's spectral radius ρ grows, and once σ_max·γ passes 1 the bound
    stops promising anything. With ReLU (`a`) the gradient can explode instead.

    focus: gradient, bound
    keys: ] [ a

    ## Gates help

    Press `m` to switch to an LSTM or a GRU: the gates let the gradient through, and the bound
    no longer applies.

    focus: gates, gradient
    keys: m c
    """

    /// The parsed lesson (a minimal hand-built one if the text ever fails to parse).
    public static let lesson: Lesson = {
        if let parsed = try? LessonLoader().load(text: text, path: "<built-in>") { return parsed }
        var model = ModelSpec(cell: .rnn)
        model.hidden = 16
        return Lesson(id: "builtin", number: nil, title: "Watching a gradient vanish", summary: "", path: "<built-in>",
                      model: model, task: TaskSpec(name: "adding", settings: ["length": .integer(40)]),
                      training: TrainingSpec(), compare: [],
                      pages: [LessonPage(title: "The gradient fades", body: "Press `b` to play the backward pass.")])
    }()
}

/// Lesson texts shared by the tests. Line numbers matter: tests name them.
enum SampleLessons {
    /// A complete lesson using every part of the format.
    static let vanishing = """
    ---
    id: vanishing
    title: Vanishing gradients
    summary: Why a tanh RNN forgets the distant past.
    model:
      cell: rnn
      activation: tanh
      hidden: 16
      radius: 0.9
      seed: 7
    task:
      name: adding
      length: 40
      marked: 2
    training:
      optimizer: adam
      lr: 0.001
      steps: 2000
      clip: 1.0
    compare:
      - {label: "RNN tanh", cell: rnn, activation: tanh}
      - {label: "LSTM", cell: lstm, forget_bias: 1}
    ---

    ## The gradient fades

    Step the backward pass and watch ‖dL/dh_t‖ shrink.

    focus: gradient, hidden
    keys: [ ] b
    cursor: 40
    claim: dh[1] < dh[40] / 1e6   # a millionth of the last step's gradient
    claim: all(gain < 1)

    ## Turn up the radius

    ```
    claim: this is code, not a directive
    ```
    set: radius=1.5, activation=relu, compare=on, clip=off
    try: a
    \\claim: shown as text
    The bound (σ_max·γ)^(T−t) grows now.
    claim: bound[1] > bound[-1]
    """
}

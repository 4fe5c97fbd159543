import UnrollDraw

/// `?`: what every element on the screen means and what every key does.
enum HelpOverlay {
    static let text = """
    # The screen
    - **Header**: the lesson, the page (3/7) and the loss L; below, the model: cell and activation, H hidden units, T timesteps, the initialisation, ρ (spectral radius of W_hh), σmax (its largest singular value), γ (the largest slope of the activation) and the global gradient norm ‖g‖ (with clipping: unclipped → clipped).
    - **Lesson text**: the current page. ↑/↓ (or PgUp/PgDn) scroll it.
    - **t**: timestep numbers; one column per step, the same in every row.
    - **x_t**: the input at each step, cut to the column (0.63 shows as .6; the inspector has it in full). A `*` marks a marked input, e.g. the two numbers the adding task must add.
    - **h_t**: the hidden state, one row per unit, blue negative, red positive (scale on the right). Long rows are cut to the units that fit ("units 1–8 of 32").
    - **c_t**: the LSTM cell state, the memory lane the forget gate protects.
    - **Gates**: LSTM input i, forget f, candidate g, output o; GRU reset r, update z, new n. Sigmoid gates run from 0 (closed) to 1 (open).
    - **y_t**: the output (or predicted class); bold where the step is scored. **loss**: the per-step loss ℓ_t as a bar (dim where the step is not scored, so not part of L; exact values in the inspector).
    - **dL/dh**: ‖dL/dh_t‖, how much the loss still cares about the state at step t, as bars on a log scale (one decade per tick: 1e-18 is far below 1e-2). inf and nan bars have their own colour. The dashed line is the bound (σmax·γ)^(T−t) for a vanilla RNN: with σmax·γ < 1 the gradient must vanish at least that fast. It doesn't apply to LSTM/GRU.
    - **gain**: ‖∂s_t/∂s_{t−1}‖, how much one step back multiplies the gradient: ↑ above 1 (grows), ↓ below 1 (shrinks). Many ↓ in a row is a vanishing gradient; many ↑ an exploding one.
    - **Inspector** (right): the exact numbers at the cursor: input, target, output, loss, ‖dh‖, ‖dc‖, gain, reach ‖∂s_T/∂s_t‖, bound, and the vectors h_t, c_t and the gates.
    # Keys
    - **← → h l Home End**: move the cursor (or click a column).
    - **space**: play the forward pass; **b**: play the backward pass (gradient from the last step to the first).
    - **a**: tanh ↔ ReLU, same weights. **m**: RNN → LSTM → GRU. **i**: init default → orthogonal → identity.
    - **[ ]**: scale W_hh's spectral radius ρ by 0.8 / 1.25.
    - **g**: gradient clipping on/off (threshold from the lesson, default 1).
    - **c**: compare 2–4 models on the same inputs and seed, on one shared log axis.
    - **t**: train / pause: the loss curve, the gradient-norm history (iterations × timesteps) and the current sample. Paused, the timeline shows the trained weights.
    - **r**: reset the page. **n p**: next / previous page. **L**: lessons. **?**: this help. **q**: quit.
    Press any key to close (↑/↓ scroll).
    """

    static func draw(_ ctx: ViewContext, scroll: Int, into buffer: inout Buffer) {
        let w = min(ctx.layout.width - 2, 90), h = ctx.layout.height - 2
        guard w >= 20, h >= 5 else { return }
        let box = Rect(x: (ctx.layout.width - w) / 2, y: 1, width: w, height: h)
        buffer.fill(box)
        Box(title: "Help — any key closes, ↑/↓ scroll", focused: true, glyphs: ctx.glyphs, mode: ctx.mode).draw(into: &buffer, area: box)
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        let block = TextBlock(text, glyphs: ctx.glyphs, mode: ctx.mode)
        let maxScroll = block.maxScroll(width: inner.width, height: inner.height)
        TextBlock(text, scroll: min(scroll, maxScroll), glyphs: ctx.glyphs, mode: ctx.mode).draw(into: &buffer, area: inner)
    }
}

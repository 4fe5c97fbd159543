import UnrollDraw

/// `?`: what every element on the screen means and what every key does.
enum HelpOverlay {
    static let text = """
    # The screen
    - **Header**: the lesson, the page (3/7), the example and weight seed on screen, and the loss L of that example; below, the selected model: cell and activation, H hidden units, T timesteps, the global gradient norm ‖g‖ (with clipping: unclipped → clipped), the size of one update step ‖Δθ‖, the held-out loss and accuracy on 200 examples, the task's baseline (the loss of its trivial answer), ρ (spectral radius of W_hh), σmax (its largest singular value) and γ (the largest slope of the activation). Fields that do not fit are left out whole.
    - **Lesson text**: the current page. ↑/↓ (or PgUp/PgDn) scroll it.
    - **t**: timestep numbers; one column per step, the same in every row.
    - **x_t**: the input at each step (the inspector has it in full). A `*` marks a marked input, e.g. the two numbers the adding task must add.
    - **h_t**: the hidden state, one row per unit, blue negative, red positive (scale on the right). When not all units fit, the caption says which are shown ("units 5–8 of 16") and u / U scroll them.
    - **c_t**: the LSTM cell state, the memory lane the forget gate protects.
    - **Gates**: LSTM input i, forget f, candidate g, output o; GRU reset r, update z, new n. Sigmoid gates run from 0 (closed) to 1 (open).
    - **y_t**: the output (or predicted class); on scored steps bold green when right and underlined red when wrong, by the task's rule. **p_t** (classification): the softmax over the outputs, one row per symbol, • the target, ◦ the legal next symbols of a grammar. **plot** (a one-number output, the sine): input, target and prediction on one axis. **free**: what the model wrote running on its own (f). **α_t** (attention): how much the cursor's step reads each earlier state. **loss**: the per-step loss ℓ_t as a bar, drawn only where the step is scored (the exact value is in the inspector).
    - **dL/dh**: ‖dL/dh_t‖, how much the loss depends on the state at step t, as bars on a log scale (each labelled tick is a power of ten; 1e-18 is far below 1e-2). inf and nan bars have their own colour. **dL/dc** (LSTM): ‖dL/dc_t‖ on the same axis: the gradient on the cell state's highway.
    - **gain**: ‖∂s_t/∂s_{t−1}‖, how much one step back multiplies the gradient: ⇑ more than ×10, ↑ above 1 (grows), ≈ within 1% of 1, ↓ below 1 (shrinks), ⇓ below 0.1, 0 when W_hh passes nothing back, ┆ where truncated BPTT cuts. Many ↓ in a row is a vanishing gradient; many ↑ an exploding one.
    - **reach** (pages about the bound): ‖∂h_T/∂h_t‖, how much the last state depends on the state at step t, with the dashed bound (σmax·γ)^(T−t) it can never exceed for a vanilla RNN; with σmax·γ < 1 it must vanish at least that fast. No bound applies to LSTM/GRU.
    - **Training strip** (once a model trains): where the run stands, the held-out loss and accuracy before and after, the loss per update, ‖dL/dh_1‖ per update (how much gradient reaches the first step) and ‖g‖ per update. It stays until the model changes.
    - **Compare** (c): 2–4 models on the same inputs and batches, their gradients on one shared log axis; the caption of each gives its figures, and once they train, its loss and ‖dL/dh_1‖ over the updates on shared scales. → marks the selected model.
    - **Inspector** (right): the exact numbers at the cursor: input, target, output, loss, ‖dh‖, ‖dc‖, gain, reach, bound, and the vectors y_t, h_t, c_t and the gates.
    # Keys
    - **← → h l Home End**: move the cursor (or click a column).
    - **space**: play the forward pass; **b**: play the backward pass (gradient from the last step to the first).
    - **a**: tanh ↔ ReLU, same weights. **m**: RNN → LSTM → GRU. **i**: init default → orthogonal → identity. **[ ]**: scale W_hh's spectral radius ρ by 0.8 / 1.25. **g**: gradient clipping on/off (threshold from the lesson, default 1). **s / S**: the next / previous weight seed. These change the selected model.
    - **f**: let the model run on its own: from the example's start (its first symbol, its source, or its first 20 true values) each output y_t is read back as the next input x_{t+1}; the timeline unrolls what it generates, with its states, gates and gradients (f again: back to the example). **F**: a sample at temperature 1 instead of the most likely symbol (another at each press).
    - **~**: more noise on the task's data (0 → 0.05 → 0.1 → 0.2), same weights (tasks with noise: the sine).
    - **< / >**: a shorter / longer truncated-BPTT window k (the gradient is cut every k steps, marked ┆ on the dL/dh bars; past the longest, full BPTT again).
    - **u / U**: scroll the heatmaps' units when not all fit.
    - **e / E**: the next / previous held-out example (the weights stay, trained or not).
    - **c**: compare: the page's models side by side (or, for one model, the lesson's comparison). **Tab**: select the next model.
    - **t**: train (every model in compare mode, on the same batches) / pause / train further once finished. **+ / -**: faster / slower training and playback.
    - **w**: write the selected model's weights as a PyTorch state_dict (`model.load_state_dict(load_file(…))` reads it).
    - **r**: reset the page. **n p**: next / previous page (a page whose models trained is kept: come back to find it as you left it). **L**: lessons. **?**: this help. **q**: quit.
    Any key closes this help (q too); ↑/↓ scroll.
    """

    static func draw(_ ctx: ViewContext, scroll: Int, into buffer: inout Buffer) {
        let w = min(ctx.layout.width - 2, 90), h = ctx.layout.height - 2
        guard w >= 20, h >= 5 else { return }
        let box = Rect(x: (ctx.layout.width - w) / 2, y: 1, width: w, height: h)
        buffer.fill(box)
        Box(title: "Help — any key closes it, ↑/↓ scroll", focused: true, glyphs: ctx.glyphs, mode: ctx.mode).draw(into: &buffer, area: box)
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        let block = TextBlock(text, glyphs: ctx.glyphs, mode: ctx.mode)
        let maxScroll = block.maxScroll(width: inner.width, height: inner.height)
        TextBlock(text, scroll: min(scroll, maxScroll), glyphs: ctx.glyphs, mode: ctx.mode).draw(into: &buffer, area: inner)
    }
}

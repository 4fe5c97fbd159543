import UnrollEngine
import UnrollTasks

extension Experiment {
    /// Loss and accuracy of the current weights on `count` held-out examples, exactly as a training
    /// run reports them (`TrainingRun.evaluate`): the number a page quoting an accuracy reads.
    /// `accuracy` follows the task's rule (argmax class, the Reber legal set, or within tolerance
    /// for regression); nil when the task scores nothing.
    public func heldOutEvaluation(count: Int = 200) throws -> TrainingRun.Evaluation {
        try TrainingRun(self).evaluate(count: count)
    }
}

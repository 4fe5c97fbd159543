import Foundation
import Testing
import TestSupport
import UnrollEngine
import UnrollLab
import UnrollLessons

/// The lessons give the same bits on every machine only if none of their products reaches the
/// size at which OpenBLAS or the packed kernels take over (`BLAS.threshold`, which also decides
/// `LargeLayer`). Every panel of every page, and every model `c` compares, at the largest batch
/// it runs (training, or the held-out batches of 64), stays below it.
struct LessonSizeTests {
    @Test func everyLessonModelStaysOnTheStepByStepLoops() throws {
        let dir = Fixtures.lessonsDirectory
        let data = LessonLocator.dataDirectory(for: dir)
        let loader = LessonLocator.loader(dataDirectory: data)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted()
        try #require(files.count >= 18)
        var largest = 0, checked = 0
        for file in files {
            let lesson = try loader.load(contentsOf: dir.appendingPathComponent(file).path)
            for page in lesson.pages.indices {
                var setups = SceneSetup.panels(lesson: lesson, page: page)
                for s in setups { setups += SceneSetup.comparePanels(lesson: lesson, page: page, current: s.settings) }
                for setup in setups {
                    let config = try Experiment(setup.settings, dataDirectory: data).model.config
                    let B = max(64, setup.settings.batch)
                    let H = config.hiddenSize, GH = config.gateRows
                    let products = [B * GH * H,                           // h W_hhᵀ
                                    B * config.firstLayerInputSize * GH,  // x W_ihᵀ
                                    B * H * config.outputSize]            // h W_hyᵀ
                    let biggest = products.max() ?? 0
                    largest = max(largest, biggest)
                    checked += 1
                    #expect(biggest < BLAS.threshold, "\(file) page \(page + 1) \(setup.label): \(biggest) multiply–adds")
                }
            }
        }
        #expect(checked > 100)
        #expect(largest < 1 << 18, "the README says the lessons' largest product is under 2^18: \(largest)")
    }
}

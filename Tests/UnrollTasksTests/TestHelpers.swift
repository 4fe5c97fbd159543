import Foundation
import UnrollEngine
@testable import UnrollTasks

/// `lessons/data` found by walking up from this file to the repository root.
func lessonsDataDirectory(file: String = #filePath) -> URL {
    var dir = URL(fileURLWithPath: file).deletingLastPathComponent()
    for _ in 0..<8 {
        if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            return dir.appendingPathComponent("lessons/data")
        }
        dir = dir.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: "lessons/data")
}

func symbols(_ e: Example) -> [Int] {
    if case .symbols(let s) = e.input { return s }
    return []
}

func vectors(_ e: Example) -> [[Double]] {
    if case .vectors(let v) = e.input { return v }
    return []
}

func classes(_ e: Example) -> [Int] {
    if case .classes(let c) = e.target { return c }
    return []
}

func values(_ e: Example) -> [[Double]] {
    if case .values(let v) = e.target { return v }
    return []
}

/// One-hot "read-outs" that put a large score on the given class at each step.
func confident(_ classesPerStep: [Int], size: Int) -> [[Double]] {
    classesPerStep.map { c in (0..<size).map { $0 == c ? 5.0 : 0.0 } }
}

/// A fresh empty temporary directory.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-tasks-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Accuracy counts as an array, so `#expect` can compare them.
func counts(_ s: (correct: Int, total: Int)) -> [Int] { [s.correct, s.total] }

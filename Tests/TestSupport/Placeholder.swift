import Foundation
import UnrollEngine
public enum TestSupportPlaceholder {}

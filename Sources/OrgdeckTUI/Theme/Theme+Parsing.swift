import OrgdeckTerminal
import TOMLKit

extension Theme {
    /// Parses a theme file. `fileName` names the file in error messages (and, without its
    /// directory and `.toml`, becomes the theme's name); `loader` returns the parent theme
    /// named by `inherits`.
    public static func parse(toml: String, fileName: String,
                             loader: (String) throws -> Theme = Theme.builtinLoader) throws -> Theme {
        let locate = TOMLLocator(toml)
        func fail(_ path: [String], _ reason: String) -> ThemeError {
            ThemeError(file: fileName, line: locate.line(of: path), key: path.isEmpty ? nil : TOMLLocator.format(path), reason: reason)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: toml)
        } catch let e as TOMLParseError {
            throw ThemeError.syntax(file: fileName, line: e.source.begin.line, parser: e.description)
        }

        var palette: [String: Color] = [:]
        var specs: [UIElement: StyleSpec] = [:]
        var summary = ""
        if let parentName = table["inherits"] {
            guard let n = parentName.string else { throw fail(["inherits"], "expected a theme name in quotes") }
            let parent: Theme
            do { parent = try loader(n) } catch let e as ThemeError where e.line == nil && (e.file == fileName || e.file.isEmpty) {
                throw fail(["inherits"], e.reason)   // the parent is missing or a cycle: point at our line
            }
            palette = parent.palette
            specs = parent.specs
            summary = parent.summary
        }
        for (key, value) in table {
            switch key {
            case "inherits": continue
            case "description", "name":
                guard let s = value.string else { throw fail([key], "expected text in quotes") }
                if key == "description" { summary = s }
            case "palette":
                guard let t = value.table else { throw fail([key], "expected a table of colours") }
                for (name, v) in t { palette[name] = try paletteColor(v, path: ["palette", name], fail: fail) }
            case "ui":
                guard let t = value.table else { throw fail([key], "expected a table of element styles") }
                for (elementKey, v) in t {
                    guard let element = UIElement(rawValue: elementKey) else {
                        throw fail(["ui", elementKey], "unknown element (themes/README.md lists them)")
                    }
                    guard let st = v.table else { throw fail(["ui", elementKey], "expected a table with fg, bg, bold, underline, reverse, dim") }
                    let spec = try styleSpec(st, path: ["ui", elementKey], palette: palette, fail: fail)
                    specs[element] = (specs[element] ?? StyleSpec()).overlaid(by: spec)
                }
            default:
                throw fail([key], "unknown key (expected inherits, description, palette or ui)")
            }
        }
        return Theme(name: themeName(fromFile: fileName), summary: summary, palette: palette, specs: specs)
    }

    /// `themes/nord.toml` → `nord`.
    static func themeName(fromFile file: String) -> String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        return base.hasSuffix(".toml") ? String(base.dropLast(5)) : base
    }

    private static func paletteColor(_ v: TOMLValueConvertible, path: [String],
                                     fail: ([String], String) -> ThemeError) throws -> Color {
        if let n = v.int {
            guard let c = ColorLiteral.number(n) else { throw fail(path, "colour number \(n) is outside 0–255") }
            return c
        }
        guard let s = v.string else { throw fail(path, "expected a colour: \"#rrggbb\", 0–255, an ANSI name or \"default\"") }
        guard let c = ColorLiteral.parse(s) else { throw fail(path, "unknown colour \"\(s)\"") }
        return c
    }

    private static func styleSpec(_ t: TOMLTable, path: [String], palette: [String: Color],
                                  fail: ([String], String) -> ThemeError) throws -> StyleSpec {
        var spec = StyleSpec()
        for (key, v) in t {
            let p = path + [key]
            switch key {
            case "fg", "bg":
                let ref: ColorRef
                if let n = v.int {
                    guard let c = ColorLiteral.number(n) else { throw fail(p, "colour number \(n) is outside 0–255") }
                    ref = .literal(c)
                } else if let s = v.string {
                    if palette[s] != nil { ref = .palette(s) }
                    else if let c = ColorLiteral.parse(s) { ref = .literal(c) }
                    else { throw fail(p, "unknown colour \"\(s)\"") }
                } else {
                    throw fail(p, "expected a palette name or a colour")
                }
                if key == "fg" { spec.fg = ref } else { spec.bg = ref }
            case "bold", "underline", "reverse", "dim":
                guard let b = v.bool else { throw fail(p, "expected true or false") }
                switch key {
                case "bold": spec.bold = b
                case "underline": spec.underline = b
                case "reverse": spec.reverse = b
                default: spec.dim = b
                }
            default:
                throw fail(p, "unknown key (expected fg, bg, bold, underline, reverse, dim)")
            }
        }
        return spec
    }
}

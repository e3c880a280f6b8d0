import ArrearsWorkflows
import Foundation

/// `letters-D.html` of `arrears letters print`: the day's collection letters for the letters
/// centre, one letter on each A4 page (`@page { size: A4 }`, a page break after every letter),
/// each in its own language (`lang`), as the customer will read it.
///
/// It is a file to print, not a page of the server: it carries its own style, so it prints the
/// same wherever it is opened, with nothing fetched. Every value is escaped (`HTML`).
public enum LetterBatchDocument {
    public static func html(_ batch: LetterPrint.Batch) -> String {
        let letters = HTML.each(batch.letters) { letter in
            """
            <section class="letter" id="\(letter.letterId)" lang="\(letter.language)" data-case="\(letter.caseId)" data-customer="\(letter.customerId)">
            \(HTML.each(paragraphs(letter.text)) { "<p>\($0)</p>\n" })</section>

            """
        }
        let page: HTML = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>Collection letters \(batch.date.description) (\(batch.letters.count))</title>
            <style>
            @page { size: A4; margin: 15mm 18mm 15mm 22mm; }
            html, body { margin: 0; padding: 0; }
            body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, "Times New Roman", serif; font-size: 10.5pt; line-height: 1.45; color: #000; }
            .letter { break-after: page; page-break-after: always; }
            .letter:last-of-type { break-after: auto; page-break-after: auto; }
            .letter p { margin: 0 0 0.55em; white-space: pre-wrap; overflow-wrap: anywhere; }
            @media screen {
              body { background: #ddd; }
              .letter { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 15mm 18mm 15mm 22mm; background: #fff; }
            }
            </style>
            </head>
            <body>
            \(letters)</body>
            </html>

            """
        return page.text
    }

    /// The letter's paragraphs: the runs of lines between blank lines, each kept with its line breaks.
    static func paragraphs(_ text: String) -> [String] {
        var paragraphs: [String] = [], lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !lines.isEmpty { paragraphs.append(lines.joined(separator: "\n")) }
                lines = []
            } else {
                lines.append(line)
            }
        }
        if !lines.isEmpty { paragraphs.append(lines.joined(separator: "\n")) }
        return paragraphs
    }
}

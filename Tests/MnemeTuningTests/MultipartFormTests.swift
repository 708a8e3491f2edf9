import MnemeTuning
import Testing

@Suite struct MultipartFormTests {
    @Test func theBodyFollowsRFC7578() {
        var form = MultipartForm(boundary: "XyZ")
        form.addField(name: "purpose", value: "fine-tune")
        form.addFile(
            name: "file", filename: "train.jsonl", contentType: "application/octet-stream", data: Array("{}\n".utf8))
        #expect(form.contentType == "multipart/form-data; boundary=XyZ")
        #expect(
            String(decoding: form.body, as: UTF8.self)
                == "--XyZ\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"train.jsonl\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n{}\n\r\n--XyZ--\r\n")
    }

    @Test func quotesAndLineBreaksCannotBreakTheHeader() {
        var form = MultipartForm(boundary: "b")
        form.addFile(name: "file", filename: "a\"b\r\nc.jsonl", contentType: "text/plain", data: [])
        let text = String(decoding: form.body, as: UTF8.self)
        #expect(text.contains("filename=\"a%22b c.jsonl\""))
        let boundary = MultipartForm.randomBoundary()
        #expect(boundary.hasPrefix("mneme-form-") && boundary.count == "mneme-form-".count + 32)
        #expect(boundary != MultipartForm.randomBoundary())
    }
}

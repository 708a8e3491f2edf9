import MnemeConfig
import Testing

@Suite struct TOMLDecoderTests {
    struct Price: Decodable, Equatable {
        var input: Double
        var output: Double
        var cachedInput: Double?
    }

    struct Server: Decodable, Equatable {
        var host: String
        var port: Int
        var allowedOrigins: [String]?
    }

    @Test func snakeCaseKeysMatchCamelCaseFieldsAndDictionaryKeysStayAsWritten() throws {
        let document = try TOMLParser.parse(
            """
            [prices."gpt-4o-mini"]
            input = 0.15
            output = 0.6
            cached_input = 0.075
            [prices.claude_haiku]
            input = 1
            output = 5
            """)
        let decoder = TOMLDecoder(document)
        let prices = decoder.decode([String: Price].self, at: ["prices"])
        #expect(prices?["gpt-4o-mini"] == Price(input: 0.15, output: 0.6, cachedInput: 0.075))
        #expect(prices?["claude_haiku"] == Price(input: 1, output: 5, cachedInput: nil))
        #expect(decoder.finish().isEmpty)
    }

    @Test func unknownKeysAreErrorsWithLineAndSuggestion() throws {
        let document = try TOMLParser.parse(
            """
            [server]
            host = "127.0.0.1"
            prot = 8080
            port = 9
            colour = "blue"
            [serverr]
            x = 1
            """, source: "mneme.toml")
        let decoder = TOMLDecoder(document)
        #expect(decoder.decode(Server.self, at: ["server"]) == Server(host: "127.0.0.1", port: 9))
        let issues = decoder.finish()
        #expect(issues.map(\.line) == [3, 5, 6])
        #expect(issues[0].description == "mneme.toml:3: unknown key 'prot' in [server] (did you mean 'port'?)")
        #expect(issues[1].message.contains("known here: allowed_origins, host, port"))
        #expect(issues[2].message == "unknown key 'serverr' at the top level (did you mean 'server'?)")
    }

    @Test func typeErrorsPointAtTheValue() throws {
        let document = try TOMLParser.parse(
            """
            [server]
            host = "h"

            port = "eighty"
            """)
        let decoder = TOMLDecoder(document)
        #expect(decoder.decode(Server.self, at: ["server"]) == nil)
        let issues = decoder.finish()
        #expect(issues.count == 1)
        #expect(issues.first?.line == 4)
        #expect(issues.first?.message == "'server.port': expected an integer, found a string")
    }

    @Test func missingKeysNameTheSection() throws {
        let document = try TOMLParser.parse("[server]\nhost = \"h\"\n")
        let decoder = TOMLDecoder(document)
        #expect(decoder.decode(Server.self, at: ["server"]) == nil)
        let issues = decoder.finish()
        #expect(issues.first?.line == 1)
        #expect(issues.first?.message == "[server] needs the key 'port'")
    }

    @Test func arrayElementsAreNumberedInMessages() throws {
        struct Route: Decodable { var name: String }
        let document = try TOMLParser.parse("[[routes]]\nname = \"a\"\n[[routes]]\nnam = \"b\"\n")
        let decoder = TOMLDecoder(document)
        #expect(decoder.decode([Route].self, at: ["routes"]) == nil)
        let issues = decoder.finish()
        #expect(issues.first?.line == 3)
        #expect(issues.first?.message == "[routes.#2] needs the key 'name'")
    }

    @Test func outOfRangeIntegersAreReported() throws {
        let document = try TOMLParser.parse("small = 300\n")
        let decoder = TOMLDecoder(document)
        #expect(decoder.decode(UInt8.self, at: ["small"]) == nil)
        #expect(decoder.finish().first?.message.contains("out of range") == true)
    }

    @Test func absentSectionsDecodeToNilWithoutIssues() throws {
        let decoder = TOMLDecoder(try TOMLParser.parse("a = 1\n"))
        #expect(decoder.decode(Server.self, at: ["server"]) == nil)
        #expect(decoder.decode(Int.self, at: ["a"]) == 1)
        #expect(decoder.finish().isEmpty)
    }
}

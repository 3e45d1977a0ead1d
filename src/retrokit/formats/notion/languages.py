"""The code block languages Notion knows, and the fence names that mean one of them."""

#: The code block languages the API accepts (the SDK's LanguageRequest).
LANGUAGES = frozenset((
    "abap", "abc", "agda", "arduino", "ascii art", "assembly", "bash", "basic", "bnf", "c", "c#", "c++",
    "clojure", "coffeescript", "coq", "css", "dart", "dhall", "diff", "docker", "ebnf", "elixir", "elm",
    "erlang", "f#", "flow", "fortran", "gherkin", "glsl", "go", "graphql", "groovy", "haskell", "hcl", "html",
    "idris", "java", "javascript", "json", "julia", "kotlin", "latex", "less", "lisp", "livescript",
    "llvm ir", "lua", "makefile", "markdown", "markup", "matlab", "mathematica", "mermaid", "nix",
    "notion formula", "objective-c", "ocaml", "pascal", "perl", "php", "plain text", "powershell", "prolog",
    "protobuf", "purescript", "python", "r", "racket", "reason", "ruby", "rust", "sass", "scala", "scheme",
    "scss", "shell", "smalltalk", "solidity", "sql", "swift", "toml", "typescript", "vb.net", "verilog",
    "vhdl", "visual basic", "webassembly", "xml", "yaml", "java/c/c++/c#",
))

#: Common fence names -> Notion's name for them.
LANGUAGE_ALIASES = {
    "text": "plain text", "txt": "plain text", "plaintext": "plain text", "plain": "plain text",
    "js": "javascript", "jsx": "javascript", "mjs": "javascript", "cjs": "javascript", "node": "javascript",
    "ts": "typescript", "tsx": "typescript", "py": "python", "python3": "python", "py3": "python",
    "sh": "shell", "zsh": "shell", "console": "shell", "shell-session": "shell", "shellsession": "shell",
    "ksh": "shell", "fish": "shell", "yml": "yaml", "md": "markdown", "rb": "ruby", "rs": "rust",
    "kt": "kotlin", "kts": "kotlin", "cs": "c#", "csharp": "c#", "cpp": "c++", "cxx": "c++", "cc": "c++",
    "hpp": "c++", "h": "c", "objc": "objective-c", "objectivec": "objective-c", "obj-c": "objective-c",
    "fs": "f#", "fsharp": "f#", "ps1": "powershell", "pwsh": "powershell", "ps": "powershell",
    "dockerfile": "docker", "make": "makefile", "mk": "makefile", "tex": "latex", "hs": "haskell",
    "clj": "clojure", "cljs": "clojure", "ex": "elixir", "exs": "elixir", "erl": "erlang", "golang": "go",
    "gql": "graphql", "proto": "protobuf", "vb": "visual basic", "vbnet": "vb.net", "wasm": "webassembly",
    "wat": "webassembly", "htm": "html", "xhtml": "html", "svg": "xml", "jsonc": "json", "json5": "json",
    "patch": "diff", "ml": "ocaml", "pl": "perl", "sol": "solidity", "tf": "hcl", "terraform": "hcl",
    "postgresql": "sql", "postgres": "sql", "psql": "sql", "mysql": "sql", "sqlite": "sql", "plsql": "sql",
    "jl": "julia", "coffee": "coffeescript", "ino": "arduino", "asm": "assembly", "nasm": "assembly",
    "ll": "llvm ir", "purs": "purescript", "rkt": "racket", "scm": "scheme", "st": "smalltalk",
    "vhd": "vhdl", "f90": "fortran", "f95": "fortran", "feature": "gherkin", "gradle": "groovy",
    "idr": "idris", "elisp": "lisp", "emacs-lisp": "lisp", "common-lisp": "lisp", "ls": "livescript",
    "wl": "mathematica", "pas": "pascal", "delphi": "pascal", "sc": "scala", "mermaidjs": "mermaid",
}

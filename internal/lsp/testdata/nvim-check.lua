-- Run by TestNeovim: Neovim's built-in LSP client opens a map with a misspelt name, waits for
-- Mapwright's diagnostic, lists the code actions offered for it, applies the preferred one and
-- saves the file. What it saw goes to $MW_OUT, one line per item.
local out, lines = os.getenv('MW_OUT'), {}
local function finish()
  vim.fn.writefile(lines, out)
  vim.cmd('qa!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('MW_MAP')))
local client = vim.lsp.start_client({ name = 'mapwright', cmd = { os.getenv('MW_BIN'), 'lsp' },
  root_dir = vim.fn.fnamemodify(os.getenv('MW_MAP'), ':h') })
vim.lsp.buf_attach_client(0, client)

if not vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 20) then
  table.insert(lines, 'timeout waiting for diagnostics')
  return finish()
end
local diags = vim.diagnostic.get(0)
for _, d in ipairs(diags) do
  local code = (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or d.code or ''
  table.insert(lines, string.format('diagnostic %d:%d %s %s', d.lnum + 1, d.col + 1, code, d.message))
end

local d = diags[#diags]
local params = {
  textDocument = { uri = vim.uri_from_bufnr(0) },
  range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
  context = { diagnostics = {} },
}
local res = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', params, 10000) or {}
local preferred
for _, r in pairs(res) do
  for _, a in ipairs(r.result or {}) do
    table.insert(lines, 'action ' .. a.title)
    if a.isPreferred then preferred = a end
  end
end
if preferred then
  vim.lsp.util.apply_workspace_edit(preferred.edit, 'utf-16')
  vim.cmd('write')
  table.insert(lines, 'applied ' .. preferred.title)
end
finish()

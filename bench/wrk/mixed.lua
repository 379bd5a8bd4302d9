-- The launch-day mix: 95% reads (the frontend's GET queries, read from READ_PATHS, one per line) and 5%
-- endorsement submissions by POST, each for a new institution. Loaded after report.lua, whose counters it uses.
local paths = {}
local counter = 0
local consent = os.getenv("CONSENT_VERSION")

function init(args)
  for line in io.lines(os.getenv("READ_PATHS")) do
    table.insert(paths, line)
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
  prefix = tostring(math.random(1, 1e9))
end

function request()
  counter = counter + 1
  if counter % 20 == 0 then
    local body = string.format(
      '{"query":"mutation($i: EndorsementInput!){endorseCharter(input:$i){__typename ... on InvalidEndorsement{errors{code}}}}",' ..
      '"variables":{"i":{"institutionName":"Load test %s-%d","kind":"city","country":"FR","signatoryName":"Signer",' ..
      '"signatoryTitle":"Mayor","email":"load%s-%d@example.org","language":"fr","consentPublication":true,' ..
      '"consentContact":false,"consentVersion":"%s"}}}', prefix, counter, prefix, counter, consent)
    return wrk.format("POST", "/graphql/", {["Content-Type"] = "application/json"}, body)
  end
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

// An integrator's JavaScript, unmodified viem from npm: read the chain, send a signed ERC-20 transfer,
// read its Transfer log back. Run by tests/e2e/test_chain.py with RPC_URL, TOKEN, PRIVATE_KEY, TO set.
import { createPublicClient, createWalletClient, http, parseAbi, defineChain } from "viem";
import { privateKeyToAccount } from "viem/accounts";

const rpc = process.env.RPC_URL;
const token = process.env.TOKEN;
const to = process.env.TO;
const account = privateKeyToAccount(process.env.PRIVATE_KEY);
const abi = parseAbi([
  "function balanceOf(address) view returns (uint256)",
  "function decimals() view returns (uint8)",
  "function transfer(address to, uint256 value) returns (bool)",
  "event Transfer(address indexed from, address indexed to, uint256 value)",
]);

const publicClient = createPublicClient({ transport: http(rpc) });
const chainId = await publicClient.getChainId();
const chain = defineChain({ id: chainId, name: "fivelayer", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
                            rpcUrls: { default: { http: [rpc] } } });
const wallet = createWalletClient({ account, chain, transport: http(rpc) });

const decimals = await publicClient.readContract({ address: token, abi, functionName: "decimals" });
const before = await publicClient.readContract({ address: token, abi, functionName: "balanceOf", args: [account.address] });
const hash = await wallet.writeContract({ address: token, abi, functionName: "transfer", args: [to, 3_000_000n] });
const receipt = await publicClient.waitForTransactionReceipt({ hash });
const logs = await publicClient.getContractEvents({ address: token, abi, eventName: "Transfer",
                                                    args: { from: account.address }, fromBlock: receipt.blockNumber,
                                                    toBlock: receipt.blockNumber });
console.log(JSON.stringify({
  chainId, decimals, before: before.toString(), status: receipt.status,
  logs: logs.map((l) => ({ from: l.args.from, to: l.args.to, value: l.args.value.toString() })),
}));

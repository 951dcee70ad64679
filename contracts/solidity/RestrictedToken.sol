// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title RestrictedToken
/// @notice An ERC-20 whose issuer keeps the controls a regulated token needs: pausing mints, pausing
/// transfers, and freezing single addresses. Minting is a separate role so the party that holds the
/// backing (the issuer's treasury or SPV) can mint without being able to change the rules.
/// @dev The deployer gets no role: deployment is a mechanical step, authority sits with `issuer`.
abstract contract RestrictedToken is ERC20, AccessControl {
    /// @notice May mint new tokens and burn its own (redemptions are sent to the minter, then burned).
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    /// @notice May pause mints and transfers and freeze addresses.
    bytes32 public constant ISSUER_ROLE = keccak256("ISSUER_ROLE");

    /// @notice While true, `mint` reverts (e.g. while the backing is being reconciled).
    bool public mintPaused;
    /// @notice While true, transfers and burns revert; mints still go through.
    bool public transfersPaused;
    /// @notice Frozen addresses can neither send nor receive tokens.
    mapping(address => bool) public frozen;

    event MintPausedSet(bool paused);
    event TransfersPausedSet(bool paused);
    event FrozenSet(address indexed account, bool frozen);

    error MintPaused();
    error TransfersPaused();
    error AddressFrozen(address account);

    /// @param issuer gets DEFAULT_ADMIN_ROLE (manages all roles) and ISSUER_ROLE.
    /// @param minter gets MINTER_ROLE.
    constructor(string memory name_, string memory symbol_, address issuer, address minter)
        ERC20(name_, symbol_)
    {
        _grantRole(DEFAULT_ADMIN_ROLE, issuer);
        _grantRole(ISSUER_ROLE, issuer);
        _grantRole(MINTER_ROLE, minter);
    }

    /// @notice Mints `amount` to `to`; reverts MintPaused() while mints are paused.
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        if (mintPaused) revert MintPaused();
        _mint(to, amount);
    }

    /// @notice Burns `amount` from the minter's own balance.
    function burn(uint256 amount) external onlyRole(MINTER_ROLE) {
        _burn(msg.sender, amount);
    }

    /// @notice Add to `spender`'s allowance rather than replace it (as USDC's FiatTokenV2 offers): an
    /// owner with several orders in flight grants each one its amount without undoing the others'.
    function increaseAllowance(address spender, uint256 addedValue) external returns (bool) {
        _approve(msg.sender, spender, allowance(msg.sender, spender) + addedValue);
        return true;
    }

    function setMintPaused(bool paused) external onlyRole(ISSUER_ROLE) {
        mintPaused = paused;
        emit MintPausedSet(paused);
    }

    function setTransfersPaused(bool paused) external onlyRole(ISSUER_ROLE) {
        transfersPaused = paused;
        emit TransfersPausedSet(paused);
    }

    function setFrozen(address account, bool isFrozen) external onlyRole(ISSUER_ROLE) {
        frozen[account] = isFrozen;
        emit FrozenSet(account, isFrozen);
    }

    /// @dev Every balance change passes here: transfers and burns (from != 0) stop while transfers are
    /// paused, and a frozen address may be neither the sender nor the receiver (mints to it included).
    function _update(address from, address to, uint256 value) internal virtual override {
        if (from != address(0)) {
            if (transfersPaused) revert TransfersPaused();
            if (frozen[from]) revert AddressFrozen(from);
        }
        if (to != address(0) && frozen[to]) revert AddressFrozen(to);
        super._update(from, to, value);
    }
}

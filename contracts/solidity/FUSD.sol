// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RestrictedToken} from "./RestrictedToken.sol";

/// @title FUSD
/// @notice The sandbox's USD stablecoin, 6 decimals like USDC and USDT. The issuer mints against dollars
/// received and burns on redemption; `frozen` is the stablecoin's blocklist (as USDC's issuer
/// blacklists addresses): a listed address can neither send nor receive.
contract FUSD is RestrictedToken {
    constructor(string memory name_, string memory symbol_, address issuer, address minter)
        RestrictedToken(name_, symbol_, issuer, minter)
    {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }
}

// SPDX-License-Identifier: Apache-2.0
// parevm bench: a stateless swap router so that one transaction makes one Uniswap V2 swap:
// it quotes from the pair's reserves (0.3% fee, the V2 constant-product formula), moves the
// input tokens from the caller to the pair (the caller approved the router) and calls swap.
pragma solidity 0.8.28;

interface IERC20Like {
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

interface IUniswapV2PairLike {
    function token0() external view returns (address);
    function getReserves() external view returns (uint112, uint112, uint32);
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
}

contract Router {
    function swapExactIn(address pair, address tokenIn, uint256 amountIn, uint256 minOut)
        external
        returns (uint256 amountOut)
    {
        (uint112 reserve0, uint112 reserve1,) = IUniswapV2PairLike(pair).getReserves();
        bool zeroForOne = tokenIn == IUniswapV2PairLike(pair).token0();
        (uint256 reserveIn, uint256 reserveOut) =
            zeroForOne ? (uint256(reserve0), uint256(reserve1)) : (uint256(reserve1), uint256(reserve0));
        uint256 inWithFee = amountIn * 997;
        amountOut = (inWithFee * reserveOut) / (reserveIn * 1000 + inWithFee);
        require(amountOut > 0 && amountOut >= minOut, "Router: slippage");
        require(IERC20Like(tokenIn).transferFrom(msg.sender, pair, amountIn), "Router: transfer");
        IUniswapV2PairLike(pair).swap(zeroForOne ? 0 : amountOut, zeroForOne ? amountOut : 0, msg.sender, "");
    }
}
